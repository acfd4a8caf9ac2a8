import type { AriServerConfig } from '@callflow/ari';
import { AriClient } from '@callflow/ari';
import { type DirectDatabase, endLostCalls } from '@callflow/db';
import type { CallLogWriter } from '../callLog/CallLogWriter.ts';
import type { CallLimits } from '../engine/CallLimits.ts';
import type { CallSessionDeps } from '../engine/CallSession.ts';
import { EventRouter } from '../engine/EventRouter.ts';
import { NamedBridges } from '../engine/NamedBridges.ts';
import type { Logger } from '../log/Logger.ts';
import type { RuntimeMetrics } from '../metrics/RuntimeMetrics.ts';
import type { ServerMetrics } from '../metrics/ServerMetrics.ts';
import type { CallAdmission } from '../publications/CallAdmission.ts';
import { PublishedApps, type PublishedAppsOptions } from '../publications/PublishedApps.ts';
import type { RuntimeSecrets } from '../secrets/RuntimeSecrets.ts';
import { RuntimeStatusReporter } from '../status/RuntimeStatusReporter.ts';

export interface AsteriskServerRuntimeOptions {
  server: AriServerConfig;
  db: DirectDatabase;
  callLog: CallLogWriter;
  logger: Logger;
  metrics: RuntimeMetrics;
  appPrefix: string;
  pollMs: number;
  stepLimit: number;
  /** What calls may not exceed (CALLFLOW_MAX_*); default defaultCallLimits. */
  limits?: CallLimits;
  /** Places for calls in progress, shared with the runtime's other servers; default one of its own. */
  admission?: CallAdmission;
  /** The time nodes see (time-of-day). */
  nodeClock: () => Date;
  /** fetch for HTTP lookup nodes. */
  fetch: typeof fetch;
  /** The credentials store for HTTP lookup headers; absent: lookups naming a secret fail. */
  secrets?: RuntimeSecrets;
  /** Library prompts and text-to-speech for calls (shared by every server); absent: those prompts fail. */
  prompts?: CallSessionDeps['prompts'];
  startedAt: Date;
  /** Status heartbeat; default 2000 ms. */
  statusIntervalMs?: number;
  connection?: PublishedAppsOptions['connection'];
  reconnectProbeMs?: PublishedAppsOptions['reconnectProbeMs'];
}

/**
 * Everything the runtime runs for one Asterisk server: an app connection per published extension
 * with its own backoff, the event routing, named bridges and live channels (all of which exist only
 * in that Asterisk), and the server's RuntimeStatus row. Nothing here waits for another server, so
 * one server down never holds up the others.
 */
export class AsteriskServerRuntime {
  readonly name: string;
  readonly ari: AriClient;
  readonly apps: PublishedApps;
  readonly status: RuntimeStatusReporter;
  readonly metrics: ServerMetrics;
  readonly #options: AsteriskServerRuntimeOptions;
  readonly #logger: Logger;

  constructor(options: AsteriskServerRuntimeOptions) {
    const { server, db, callLog } = options;
    this.#options = options;
    this.name = server.name;
    this.#logger = options.logger.child({ server: server.name });
    this.metrics = options.metrics.forServer(server.name);
    const credentials = { url: server.url, username: server.username, password: server.password };
    this.ari = new AriClient({ ...credentials, observer: this.metrics });
    this.apps = new PublishedApps({
      db,
      ari: this.ari,
      appPrefix: options.appPrefix,
      pollMs: options.pollMs,
      router: new EventRouter(),
      callLog,
      logger: this.#logger,
      connection: options.connection,
      reconnectProbeMs: options.reconnectProbeMs,
      limits: options.limits,
      admission: options.admission,
      session: {
        bridges: new NamedBridges(this.ari, this.#logger),
        asteriskServer: server.name,
        metrics: this.metrics,
        liveChannels: new Set(),
        stepLimit: options.stepLimit,
        now: () => new Date(),
        nodeClock: options.nodeClock,
        fetch: options.fetch,
        secrets: options.secrets,
        prompts: options.prompts,
      },
    });
    this.status = new RuntimeStatusReporter({
      db,
      ari: this.ari,
      asteriskServer: server.name,
      startedAt: options.startedAt,
      apps: () => this.apps.extensions,
      logger: this.#logger,
      intervalMs: options.statusIntervalMs,
    });
    this.apps.onChange(() => this.status.update());
  }

  async start(): Promise<void> {
    await this.#markLostCalls();
    this.status.start();
    await this.apps.start();
    this.#options.callLog.runtimeEvent({
      level: 'info',
      type: 'runtime_started',
      message: 'runtime started',
      asteriskServer: this.name,
    });
  }

  /** Calls in progress get `graceMs` to finish (see PublishedApps.stop). */
  async stop(reason: string, graceMs?: number): Promise<void> {
    await this.apps.stop(graceMs);
    await this.status.stop();
    this.#options.callLog.runtimeEvent({
      level: 'info',
      type: 'runtime_stopped',
      message: `runtime stopped (${reason})`,
      asteriskServer: this.name,
    });
  }

  /** Calls this server's previous runtime left unfinished (it died) can only be lost now. */
  async #markLostCalls(): Promise<void> {
    const lost = await endLostCalls(this.#options.db.sql, this.name, new Date()).catch(() => 0);
    if (lost > 0)
      this.#logger.warn('marked calls interrupted by the previous runtime as lost', { calls: lost });
  }
}
