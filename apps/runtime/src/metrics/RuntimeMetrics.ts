import type { Counter } from './Counter.ts';
import type { Gauge } from './Gauge.ts';
import type { Histogram } from './Histogram.ts';
import type { MetricFamily } from './MetricFamily.ts';
import { MetricsRegistry } from './MetricsRegistry.ts';
import { ServerMetrics } from './ServerMetrics.ts';

/**
 * Seconds: the engine's own work between two ARI requests is expected well under a millisecond, and
 * issue 5's target is a p99 under 2 ms, so the bounds are dense around 1–2 ms.
 */
export const STEP_LATENCY_BUCKETS = [
  0.0001, 0.00025, 0.0005, 0.00075, 0.001, 0.0015, 0.002, 0.003, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1,
] as const;

/** Seconds, up to the ARI client's default 10 s timeout. */
export const ARI_REQUEST_BUCKETS = [
  0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
] as const;

/** Kinds of call log entries, as the `kind` label of the call log metrics. */
export type CallLogRowKind = 'call' | 'step' | 'position' | 'call_end' | 'event';

/**
 * Every metric the runtime exposes at /metrics. Names and labels are the public contract for
 * dashboards (listed in ARCHITECTURE.md): rename nothing without saying so there.
 */
export class RuntimeMetrics {
  readonly registry = new MetricsRegistry();

  readonly callsStarted: MetricFamily<Counter>;
  readonly callsEnded: MetricFamily<Counter>;
  readonly callsInProgress: MetricFamily<Gauge>;
  readonly callsRejected: MetricFamily<Counter>;
  readonly callLimitsReached: MetricFamily<Counter>;
  readonly steps: MetricFamily<Counter>;
  readonly stepFailures: MetricFamily<Counter>;
  /** The one series of the engine latency histogram (not labelled: it is the engine's, not a server's). */
  readonly stepLatency: Histogram;
  readonly ariRequests: MetricFamily<Counter>;
  readonly ariRequestDuration: MetricFamily<Histogram>;
  readonly websocketReconnects: MetricFamily<Counter>;
  readonly connectionFailures: MetricFamily<Counter>;
  readonly appsRegistered: MetricFamily<Gauge>;
  readonly appsPublished: MetricFamily<Gauge>;
  readonly asteriskConnected: MetricFamily<Gauge>;
  readonly callLogWritten: MetricFamily<Counter>;
  readonly callLogBuffered: MetricFamily<Gauge>;
  readonly callLogDropped: MetricFamily<Counter>;
  readonly databaseUnavailable: Gauge;
  readonly mediaRequests: MetricFamily<Counter>;
  readonly speechPrompts: MetricFamily<Counter>;

  readonly #servers = new Map<string, ServerMetrics>();

  constructor() {
    const r = this.registry;
    this.callsStarted = r.counter(
      'callflow_calls_started_total',
      'Calls that entered a published flow, by Asterisk server.',
      ['server'],
    );
    this.callsEnded = r.counter(
      'callflow_calls_ended_total',
      'Calls that ended, by Asterisk server and outcome (completed, caller_hangup, step_limit, time_limit, error, lost).',
      ['server', 'outcome'],
    );
    this.callsInProgress = r.gauge(
      'callflow_calls_in_progress',
      'Calls running in a flow now, by Asterisk server.',
      ['server'],
    );
    this.callsRejected = r.counter(
      'callflow_calls_rejected_total',
      'Calls refused before answering, by Asterisk server and reason (calls_in_progress: CALLFLOW_MAX_CALLS reached, SIP 503; calls_per_extension: CALLFLOW_MAX_CALLS_PER_EXTENSION reached, SIP 486; unpublished: the extension was being unpublished, SIP 404).',
      ['server', 'reason'],
    );
    this.callLimitsReached = r.counter(
      'callflow_call_limits_reached_total',
      'Limits calls reached, by Asterisk server and limit (call_seconds and bridge_seconds: the call was hung up; steps: the flow was stopped; http_lookups: a lookup was refused; buffered_digits: digits were dropped, counted once per call).',
      ['server', 'limit'],
    );
    this.steps = r.counter('callflow_steps_total', 'Flow steps run, by node kind.', ['kind']);
    this.stepFailures = r.counter(
      'callflow_step_failures_total',
      'Flow steps that ended with an error (an error port or a fault; a caller hanging up is not one), by node kind.',
      ['kind'],
    );
    this.stepLatency = r
      .histogram(
        'callflow_engine_step_latency_seconds',
        'The runtime’s own time per step: from the ARI event, ARI response or timer that lets a call go on until the call’s next ARI request is sent. Time spent waiting for the caller, Asterisk or a web service is not in it.',
        STEP_LATENCY_BUCKETS,
      )
      .labels();
    this.ariRequests = r.counter(
      'callflow_ari_requests_total',
      'ARI REST requests, by Asterisk server, HTTP method and result (ok or the error kind: not_found, conflict, timeout, unreachable...).',
      ['server', 'method', 'result'],
    );
    this.ariRequestDuration = r.histogram(
      'callflow_ari_request_duration_seconds',
      'ARI REST request duration until the response is read, by Asterisk server and HTTP method.',
      ARI_REQUEST_BUCKETS,
      ['server', 'method'],
    );
    this.websocketReconnects = r.counter(
      'callflow_ari_websocket_reconnects_total',
      'Stasis app WebSockets registered again after losing their connection, by Asterisk server.',
      ['server'],
    );
    this.connectionFailures = r.counter(
      'callflow_ari_connection_failures_total',
      'Stasis app connections lost or attempts refused (each retry counts), by Asterisk server and reason (unreachable, unauthorized, socket_closed, keepalive_timeout, http_error, replaced).',
      ['server', 'reason'],
    );
    this.appsRegistered = r.gauge(
      'callflow_apps_registered',
      'Stasis apps whose WebSocket is connected now, by Asterisk server.',
      ['server'],
    );
    this.appsPublished = r.gauge(
      'callflow_apps_published',
      'Stasis apps the runtime holds for published extensions (registered or not), by Asterisk server.',
      ['server'],
    );
    this.asteriskConnected = r.gauge(
      'callflow_asterisk_connected',
      '1 when the last status heartbeat found the Asterisk server answering and every app registered, else 0.',
      ['server'],
    );
    this.callLogWritten = r.counter(
      'callflow_call_log_rows_written_total',
      'Call log rows written to the database, by kind (call, step, position, call_end, event).',
      ['kind'],
    );
    this.callLogBuffered = r.gauge(
      'callflow_call_log_rows_buffered',
      'Call log rows waiting in memory to be written, by kind.',
      ['kind'],
    );
    this.callLogDropped = r.counter(
      'callflow_call_log_rows_dropped_total',
      'Call log rows lost: dropped because the buffer was full while the database was down, or refused by the database.',
      ['kind'],
    );
    this.databaseUnavailable = r
      .gauge(
        'callflow_database_unavailable',
        '1 while the runtime cannot read or write its database (calls go on from cached versions), else 0.',
      )
      .labels();
    this.mediaRequests = r.counter(
      'callflow_media_requests_total',
      'Requests to the media listener Asterisk fetches prompts from, by result (served, not_modified, not_found, method_not_allowed, unavailable: the database could not be read). Asterisk fetches each audio once and keeps it.',
      ['result'],
    );
    this.speechPrompts = r.counter(
      'callflow_speech_prompts_total',
      'Texts spoken in calls, by source (pinned: rendered when the version was published; cache: rendered for an earlier call; rendered: rendered now; failed: the engine failed or took longer than CALLFLOW_SPEECH_TIMEOUT_MS).',
      ['source'],
    );
    this.#processMetrics();
  }

  /** The series of one Asterisk server, created once. */
  forServer(server: string): ServerMetrics {
    let metrics = this.#servers.get(server);
    if (metrics === undefined) {
      metrics = new ServerMetrics(server, this);
      this.#servers.set(server, metrics);
    }
    return metrics;
  }

  /** For the call log writer: counts rows by kind. */
  readonly callLog = {
    written: (kind: CallLogRowKind, rows: number): void => this.callLogWritten.labels(kind).inc(rows),
    dropped: (kind: CallLogRowKind, rows: number): void => this.callLogDropped.labels(kind).inc(rows),
  };

  stepEnded(kind: string, failed: boolean): void {
    this.steps.labels(kind).inc();
    if (failed) this.stepFailures.labels(kind).inc();
  }

  /** The usual process_* series, so a load test reads CPU and memory from the same scrape. */
  #processMetrics(): void {
    const r = this.registry;
    const cpuUser = r.counter('process_cpu_user_seconds_total', 'User CPU time spent, in seconds.').labels();
    const cpuSystem = r
      .counter('process_cpu_system_seconds_total', 'System CPU time spent, in seconds.')
      .labels();
    const cpu = r
      .counter('process_cpu_seconds_total', 'User and system CPU time spent, in seconds.')
      .labels();
    const rss = r.gauge('process_resident_memory_bytes', 'Resident memory size, in bytes.').labels();
    const heap = r.gauge('nodejs_heap_used_bytes', 'V8 heap in use, in bytes.').labels();
    r.gauge('process_start_time_seconds', 'Start time of the process since the Unix epoch, in seconds.')
      .labels()
      .set(Math.round(Date.now() / 1000 - process.uptime()));
    r.onCollect(() => {
      const usage = process.cpuUsage();
      cpuUser.setTotal(usage.user / 1e6);
      cpuSystem.setTotal(usage.system / 1e6);
      cpu.setTotal((usage.user + usage.system) / 1e6);
      const memory = process.memoryUsage();
      rss.set(memory.rss);
      heap.set(memory.heapUsed);
    });
  }
}
