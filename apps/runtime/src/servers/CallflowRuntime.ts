import type { AriServerConfig } from '@callflow/ari';
import type { CallLogWriter } from '../callLog/CallLogWriter.ts';
import { defaultCallLimits } from '../engine/CallLimits.ts';
import type { RuntimeMetrics } from '../metrics/RuntimeMetrics.ts';
import { CallAdmission } from '../publications/CallAdmission.ts';
import { AsteriskServerRuntime, type AsteriskServerRuntimeOptions } from './AsteriskServerRuntime.ts';

export interface CallflowRuntimeOptions extends Omit<AsteriskServerRuntimeOptions, 'server' | 'admission'> {
  /** Every Asterisk server: each gets every published app. */
  servers: readonly AriServerConfig[];
}

/**
 * The runtime: one AsteriskServerRuntime per configured server, side by side, sharing the database,
 * the call log writer and the metrics. Gauges that are cheaper to read than to track are read from
 * the servers at scrape time.
 */
export class CallflowRuntime {
  readonly servers: readonly AsteriskServerRuntime[];
  readonly #metrics: RuntimeMetrics;
  readonly #callLog: CallLogWriter;
  readonly #stopCollecting: () => void;

  constructor(options: CallflowRuntimeOptions) {
    const { servers, ...shared } = options;
    if (servers.length === 0) throw new Error('the runtime needs at least one Asterisk server');
    // CALLFLOW_MAX_CALLS counts this process's calls, whichever server they are on.
    const admission = new CallAdmission(options.limits ?? defaultCallLimits);
    this.servers = servers.map((server) => new AsteriskServerRuntime({ ...shared, server, admission }));
    this.#metrics = options.metrics;
    this.#callLog = options.callLog;
    this.#stopCollecting = options.metrics.registry.onCollect(() => this.#collect());
  }

  /** Starts every server; none waits for another's Asterisk to answer. */
  async start(): Promise<void> {
    await Promise.all(this.servers.map((server) => server.start()));
  }

  async stop(reason: string, graceMs?: number): Promise<void> {
    await Promise.all(this.servers.map((server) => server.stop(reason, graceMs)));
    this.#stopCollecting();
  }

  #collect(): void {
    const metrics = this.#metrics;
    let databaseDown = this.#callLog.databaseDown;
    for (const server of this.servers) {
      const apps = server.apps.extensions;
      metrics.callsInProgress.labels(server.name).set(server.apps.activeCallCount);
      metrics.appsPublished.labels(server.name).set(apps.length);
      metrics.appsRegistered.labels(server.name).set(apps.filter((app) => app.state === 'connected').length);
      metrics.asteriskConnected.labels(server.name).set(server.status.connected === true ? 1 : 0);
      databaseDown ||= server.apps.databaseDown || server.status.databaseDown;
    }
    const buffered = this.#callLog.buffered;
    metrics.callLogBuffered.labels('call').set(buffered.call);
    metrics.callLogBuffered.labels('step').set(buffered.step);
    metrics.callLogBuffered.labels('position').set(buffered.position);
    metrics.callLogBuffered.labels('call_end').set(buffered.call_end);
    metrics.callLogBuffered.labels('event').set(buffered.event);
    metrics.databaseUnavailable.set(databaseDown ? 1 : 0);
  }
}
