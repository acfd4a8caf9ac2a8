import type { AriAppConnectionOptions, AriClient } from '@callflow/ari';
import type { DirectDatabase } from '@callflow/db';
import type { CallLogWriter } from '../callLog/CallLogWriter.ts';
import { type CallLimits, defaultCallLimits } from '../engine/CallLimits.ts';
import type { EventRouter } from '../engine/EventRouter.ts';
import type { Logger } from '../log/Logger.ts';
import { AppConnections } from './AppConnections.ts';
import { AppNotices } from './AppNotices.ts';
import { AppReconnectProbe } from './AppReconnectProbe.ts';
import { CallAdmission } from './CallAdmission.ts';
import { IncomingCalls, type SessionSettings } from './IncomingCalls.ts';
import { PublicationPoll } from './PublicationPoll.ts';
import { PublishedVersions } from './PublishedVersions.ts';
import { StrayChannelSweep } from './StrayChannelSweep.ts';

export interface PublishedAppsOptions {
  db: DirectDatabase;
  ari: AriClient;
  appPrefix: string;
  pollMs: number;
  router: EventRouter;
  callLog: CallLogWriter;
  logger: Logger;
  session: SessionSettings;
  /** What calls may not exceed; default defaultCallLimits. */
  limits?: CallLimits;
  /** Places for calls in progress, shared by every server of the runtime; default one of its own. */
  admission?: CallAdmission;
  /** Tuning of each app's connection (tests shorten the backoff). */
  connection?: Pick<AriAppConnectionOptions, 'backoff' | 'keepaliveMs' | 'connectTimeoutMs'>;
  /** How often Asterisk is asked whether it is back while apps wait to reconnect; default 500 ms. */
  reconnectProbeMs?: number;
  /** How long the stray-channel cleanup waits for a listed channel's StasisStart; default 2000 ms. */
  strayGraceMs?: number;
}

/**
 * Keeps one registered Stasis app per published extension on one Asterisk server, following the
 * publication table. Puts together the jobs, each in its own file: PublicationPoll (follows the
 * table), PublishedVersions (loads and validates versions), AppConnections (the apps' connections),
 * IncomingCalls (routes events, starts call sessions, turns calls away), StrayChannelSweep (channels
 * left without a session), AppReconnectProbe (brings the apps back when Asterisk returns).
 */
export class PublishedApps {
  readonly #notices: AppNotices;
  readonly #apps: AppConnections;
  readonly #calls: IncomingCalls;
  readonly #publications: PublicationPoll;
  readonly #strays: StrayChannelSweep;
  readonly #reconnectProbe: AppReconnectProbe;
  #stopped = false;

  constructor(options: PublishedAppsOptions) {
    const { db, ari, callLog, logger, session } = options;
    const asteriskServer = session.asteriskServer;
    const limits = options.limits ?? defaultCallLimits;
    this.#notices = new AppNotices(callLog, asteriskServer);
    this.#strays = new StrayChannelSweep({
      ari,
      logger,
      liveChannels: session.liveChannels,
      graceMs: options.strayGraceMs,
    });
    this.#reconnectProbe = new AppReconnectProbe({
      ari,
      logger,
      apps: () => this.#apps.all(),
      intervalMs: options.reconnectProbeMs,
    });
    this.#calls = new IncomingCalls({
      ari,
      router: options.router,
      callLog,
      logger,
      session,
      limits,
      admission: options.admission ?? new CallAdmission(limits),
      strays: this.#strays,
      onCallEnded: (app) => {
        if (!this.#stopped) void this.#apps.unregisterIfDone(app);
      },
    });
    this.#apps = new AppConnections({
      ari,
      appPrefix: options.appPrefix,
      logger,
      metrics: session.metrics,
      notices: this.#notices,
      connection: options.connection,
      onEvent: (app, event) => this.#calls.onEvent(app, event),
      onRegistered: (app) => void this.#strays.sweep(app.appName),
      onConnectionLost: (app, state) => {
        // The call log then says which server went and how, not only that something did.
        const reason = `the connection to Asterisk was lost during the call (${state.message})`;
        for (const lost of app.activeCalls.values()) lost.abort(reason);
        this.#reconnectProbe.connectionLost(state);
      },
    });
    this.#publications = new PublicationPoll({
      sql: db.sql,
      pollMs: options.pollMs,
      versions: new PublishedVersions(db, logger, callLog, { asteriskServer }),
      apps: this.#apps,
      notices: this.#notices,
      callLog,
      logger,
      asteriskServer,
    });
  }

  /**
   * Called (synchronously, errors ignored) whenever an app is registered or unregistered, its
   * connection state changes, or the version it serves to new calls changes. Returns an unsubscribe.
   */
  onChange(listener: () => void): () => void {
    return this.#notices.onChange(listener);
  }

  start(): Promise<void> {
    return this.#publications.start();
  }

  /** One pass of the publication check (see PublicationPoll.poll). */
  poll(): Promise<void> {
    return this.#publications.poll();
  }

  /**
   * Stops following publications and refuses new calls; calls in progress get `graceMs` to finish,
   * then are hung up and logged as lost, and the apps are unregistered.
   */
  async stop(graceMs = 10_000): Promise<void> {
    this.#stopped = true;
    this.#publications.stop();
    await this.#reconnectProbe.stop();
    for (const app of this.#apps.all()) app.version = null;
    this.#notices.changed();
    this.#strays.stop();
    await this.#calls.stop(this.#apps.all(), graceMs);
    await this.#apps.stopAll();
  }

  /** Calls running now, over every app. */
  get activeCallCount(): number {
    let count = 0;
    for (const app of this.#apps.all()) count += app.activeCalls.size;
    return count;
  }

  /** True while the publication table cannot be read. */
  get databaseDown(): boolean {
    return this.#publications.databaseDown;
  }

  get extensions(): {
    extension: string;
    appName: string;
    versionId: string | null;
    state: string;
    activeCalls: number;
  }[] {
    return [...this.#apps.all()].map((app) => ({
      extension: app.extension,
      appName: app.appName,
      versionId: app.version?.id ?? null,
      state: app.connection.state.status,
      activeCalls: app.activeCalls.size,
    }));
  }
}
