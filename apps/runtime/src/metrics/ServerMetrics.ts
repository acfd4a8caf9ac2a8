import type { AriRequestObserver } from '@callflow/ari';
import type { Counter } from './Counter.ts';
import type { Histogram } from './Histogram.ts';
import type { RuntimeMetrics } from './RuntimeMetrics.ts';

/**
 * The metrics of one Asterisk server, with its `server` label applied once: what a call session,
 * the app connections and the ARI client of that server report to.
 */
export class ServerMetrics implements AriRequestObserver {
  readonly #started: Counter;
  readonly #runtime: RuntimeMetrics;

  constructor(
    readonly server: string,
    runtime: RuntimeMetrics,
  ) {
    this.#runtime = runtime;
    this.#started = runtime.callsStarted.labels(server);
    runtime.websocketReconnects.labels(server);
    runtime.callsInProgress.labels(server);
    runtime.appsRegistered.labels(server);
    runtime.appsPublished.labels(server);
    runtime.asteriskConnected.labels(server);
  }

  /** The engine latency histogram (shared by every server). */
  get stepLatency(): Histogram {
    return this.#runtime.stepLatency;
  }

  callStarted(): void {
    this.#started.inc();
  }

  /** A call refused before answering (see callflow_calls_rejected_total for the reasons). */
  callRejected(reason: string): void {
    this.#runtime.callsRejected.labels(this.server, reason).inc();
  }

  /** A call reached one of its limits (see CallLimitName). */
  limitReached(limit: string): void {
    this.#runtime.callLimitsReached.labels(this.server, limit).inc();
  }

  callEnded(outcome: string): void {
    this.#runtime.callsEnded.labels(this.server, outcome).inc();
  }

  stepEnded(kind: string, failed: boolean): void {
    this.#runtime.stepEnded(kind, failed);
  }

  requestEnded(method: string, result: string, seconds: number): void {
    this.#runtime.ariRequests.labels(this.server, method, result).inc();
    this.#runtime.ariRequestDuration.labels(this.server, method).observe(seconds);
  }

  websocketReconnected(): void {
    this.#runtime.websocketReconnects.labels(this.server).inc();
  }

  connectionFailed(reason: string): void {
    this.#runtime.connectionFailures.labels(this.server, reason).inc();
  }
}
