import {
  AriAppConnection,
  type AriAppConnectionOptions,
  type AriClient,
  type AriDisconnectReason,
  type AriEvent,
  AriReconnectProbe,
} from '@callflow/ari';
import type { RuntimeEventType } from '@callflow/contract';
import type { DirectDatabase } from '@callflow/db';
import { z } from 'zod';
import type { CallLogWriter } from '../callLog/CallLogWriter.ts';
import { outboundLegIdPrefix } from '../engine/AriCallChannel.ts';
import { type CallLimits, defaultCallLimits } from '../engine/CallLimits.ts';
import type { CallSessionDeps, LoadedVersion } from '../engine/CallSession.ts';
import { runCallSession } from '../engine/CallSession.ts';
import { type EventRouter, routingKey } from '../engine/EventRouter.ts';
import { errorReason } from '../log/errorReason.ts';
import type { Logger } from '../log/Logger.ts';
import { alignedDelay } from '../timing/alignedDelay.ts';
import { settleWithin } from '../timing/settleWithin.ts';
import { CallAdmission } from './CallAdmission.ts';
import { PublishedVersions } from './PublishedVersions.ts';
import { refuseCall } from './refuseCall.ts';
import { StrayChannelSweep } from './StrayChannelSweep.ts';

interface PublishedApp {
  readonly extension: string;
  readonly appName: string;
  readonly connection: AriAppConnection;
  /** null while unpublished but still serving calls that started before. */
  version: LoadedVersion | null;
  /** Calls in progress by caller channel id; aborting one's controller marks it lost. */
  readonly activeCalls: Map<string, AbortController>;
}

export interface PublishedAppsOptions {
  db: DirectDatabase;
  ari: AriClient;
  appPrefix: string;
  pollMs: number;
  router: EventRouter;
  callLog: CallLogWriter;
  logger: Logger;
  session: Omit<CallSessionDeps, 'logger' | 'router' | 'ari' | 'callLog' | 'outboundLegs' | 'limits'>;
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

// The runtime's database work is fixed statements on its direct connection (see DirectSql).
const publicationsQuery = { sql: 'SELECT "extension", "flowVersionId" FROM "Publication"', params: [] };
const publicationRows = z.array(z.object({ extension: z.string(), flowVersionId: z.string() }));

/**
 * Disconnections after which Asterisk may come back at any moment (restart, network cut). Not a wrong
 * password or a refused app: probing would not fix those, and a 401 every 500 ms helps no one.
 */
const probedReasons: ReadonlySet<AriDisconnectReason> = new Set([
  'unreachable',
  'socket_closed',
  'keepalive_timeout',
]);

/**
 * Keeps one registered Stasis app per published extension, following the publication table:
 * a new row registers `<prefix><extension>`, a changed row switches new calls to the new version
 * (calls in progress keep theirs), and a deleted row stops new calls at once and unregisters the app
 * when its last call ends.
 */
export class PublishedApps {
  readonly #apps = new Map<string, PublishedApp>();
  readonly #versions: PublishedVersions;
  readonly #sessions = new Set<Promise<void>>();
  readonly #changeListeners = new Set<() => void>();
  readonly #reconnectProbe: AriReconnectProbe;
  /** Ids the runtime chose for the outbound legs it is creating or dialling on this server. */
  readonly #outboundLegs = new Set<string>();
  readonly #limits: CallLimits;
  readonly #admission: CallAdmission;
  readonly #strays: StrayChannelSweep;
  #timer: NodeJS.Timeout | undefined;
  #stopped = false;
  #databaseDown = false;

  constructor(private readonly options: PublishedAppsOptions) {
    this.#versions = new PublishedVersions(options.db, options.logger, options.callLog, {
      asteriskServer: options.session.asteriskServer,
    });
    this.#limits = options.limits ?? defaultCallLimits;
    this.#admission = options.admission ?? new CallAdmission(this.#limits);
    this.#strays = new StrayChannelSweep({
      ari: options.ari,
      logger: options.logger,
      liveChannels: options.session.liveChannels,
      graceMs: options.strayGraceMs,
    });
    this.#reconnectProbe = new AriReconnectProbe({
      client: options.ari,
      intervalMs: options.reconnectProbeMs,
      waiting: () => [...this.#apps.values()].some((app) => app.connection.retryPending),
      onAnswer: () => {
        const waiting = [...this.#apps.values()].filter((app) => app.connection.retryPending);
        options.logger.info('Asterisk answers again; re-registering its apps now', { apps: waiting.length });
        for (const app of waiting) app.connection.retryNow();
      },
    });
  }

  /**
   * Called (synchronously, errors ignored) whenever an app is registered or unregistered, its
   * connection state changes, or the version it serves to new calls changes. Returns an unsubscribe.
   */
  onChange(listener: () => void): () => void {
    this.#changeListeners.add(listener);
    return () => this.#changeListeners.delete(listener);
  }

  async start(): Promise<void> {
    await this.poll().catch((error: unknown) =>
      this.options.logger.error('publication check failed; retrying', { reason: String(error) }),
    );
    const loop = async () => {
      if (this.#stopped) return;
      try {
        await this.poll();
      } catch (error) {
        this.options.logger.error('publication check failed; retrying', { reason: String(error) });
      } finally {
        if (!this.#stopped) this.#timer = setTimeout(loop, alignedDelay(this.options.pollMs));
      }
    };
    this.#timer = setTimeout(loop, alignedDelay(this.options.pollMs));
  }

  /**
   * Stops following publications and refuses new calls; calls in progress get `graceMs` to finish,
   * then are hung up and logged as lost, and the apps are unregistered.
   */
  async stop(graceMs = 10_000): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#reconnectProbe.stop();
    for (const app of this.#apps.values()) app.version = null;
    this.#changed();
    this.#strays.stop();
    await settleWithin(this.#sessions, graceMs);
    for (const app of this.#apps.values())
      for (const lost of app.activeCalls.values()) lost.abort('the runtime stopped during the call');
    await settleWithin(this.#sessions, 5000);
    await Promise.all([...this.#apps.values()].map((app) => app.connection.stop()));
    this.#apps.clear();
    this.#changed();
  }

  /** Calls running now, over every app. */
  get activeCallCount(): number {
    let count = 0;
    for (const app of this.#apps.values()) count += app.activeCalls.size;
    return count;
  }

  /** True while the publication table cannot be read. */
  get databaseDown(): boolean {
    return this.#databaseDown;
  }

  get extensions(): {
    extension: string;
    appName: string;
    versionId: string | null;
    state: string;
    activeCalls: number;
  }[] {
    return [...this.#apps.values()].map((app) => ({
      extension: app.extension,
      appName: app.appName,
      versionId: app.version?.id ?? null,
      state: app.connection.state.status,
      activeCalls: app.activeCalls.size,
    }));
  }

  /** One pass: compare the publication table with the registered apps and apply the difference. */
  async poll(): Promise<void> {
    const { db, logger } = this.options;
    let rows: { extension: string; flowVersionId: string }[];
    try {
      rows = publicationRows.parse(await db.sql.query(publicationsQuery));
    } catch (error) {
      this.#databaseFailed(error);
      return;
    }
    let versionLoadFailed = false;
    const published = new Set<string>();
    for (const row of rows) {
      published.add(row.extension);
      let version: LoadedVersion | undefined;
      try {
        version = await this.#versions.load(row.flowVersionId);
      } catch (error) {
        // This extension keeps what it serves until its version can be read; the others go on, so an
        // unpublish or republish elsewhere is not held up.
        this.#databaseFailed(error);
        versionLoadFailed = true;
        continue;
      }
      if (version === undefined) continue;
      const app = this.#apps.get(row.extension);
      if (app === undefined) this.#register(row.extension, version);
      else if (app.version?.id !== version.id) {
        const previous = app.version;
        app.version = version;
        this.#changed();
        this.#event(
          'info',
          'publish_applied',
          `extension ${row.extension} now runs version ${version.number}`,
          app,
        );
        logger.info('publication changed', {
          extension: row.extension,
          from: previous?.number ?? 'unpublished',
          to: version.number,
        });
      }
    }
    if (!versionLoadFailed && this.#databaseDown) {
      logger.info('database reachable again; following publications');
      this.#databaseDown = false;
    }
    for (const app of this.#apps.values()) {
      if (published.has(app.extension) || app.version === null) continue;
      app.version = null;
      this.#changed();
      this.#event('info', 'unpublished', `extension ${app.extension} unpublished`, app);
      if (app.activeCalls.size === 0) await this.#unregister(app);
    }
  }

  /** The database failed a read: one log line and runtime event per outage, not one per check. */
  #databaseFailed(error: unknown): void {
    // Calls keep running on the versions already loaded; publishing waits for the database.
    if (!this.#databaseDown) {
      this.options.logger.error('cannot read publications; keeping the current ones', {
        reason: errorReason(error),
      });
      // Buffered by the call log writer and stored once the database answers again.
      this.options.callLog.runtimeEvent({
        level: 'error',
        type: 'database_unavailable',
        message: 'cannot read publications; calls keep running on the versions already loaded',
        asteriskServer: this.options.session.asteriskServer,
      });
    }
    this.#databaseDown = true;
  }

  #register(extension: string, version: LoadedVersion): void {
    const { appPrefix, logger, session } = this.options;
    const appName = `${appPrefix}${extension}`;
    const connection = new AriAppConnection({
      ...this.options.connection,
      client: this.options.ari,
      app: appName,
      logger: logger.child({ app: appName }),
    });
    const app: PublishedApp = { extension, appName, connection, version, activeCalls: new Map() };
    this.#apps.set(extension, app);
    connection.onEvent((event) => this.#onEvent(app, event));
    connection.onStateChange((state) => {
      this.#changed();
      if (state.status === 'connected') {
        if (state.reconnected) session.metrics.websocketReconnected();
        this.#event('info', 'app_registered', `app ${appName} registered`, app);
        void this.#strays.sweep(appName);
      } else if (state.status === 'disconnected' && state.reason !== 'stopped') {
        session.metrics.connectionFailed(state.reason);
        this.#event('warn', 'app_disconnected', `app ${appName} lost its connection: ${state.message}`, app);
        // The call log then says which server went and how, not only that something did.
        const reason = `the connection to Asterisk was lost during the call (${state.message})`;
        for (const lost of app.activeCalls.values()) lost.abort(reason);
        if (state.retryInMs !== undefined && probedReasons.has(state.reason)) this.#reconnectProbe.wake();
      }
    });
    connection.start();
    this.#changed();
    this.#event('info', 'publish_applied', `extension ${extension} runs version ${version.number}`, app);
  }

  async #unregister(app: PublishedApp): Promise<void> {
    this.#apps.delete(app.extension);
    this.#changed();
    await app.connection.stop();
    this.#event('info', 'app_unregistered', `app ${app.appName} unregistered`, app);
  }

  #onEvent(app: PublishedApp, event: AriEvent): void {
    // Every ARI event passes here: its routing key is worked out only when debug lines are written.
    if (this.options.logger.enabled('debug'))
      this.options.logger.debug('ari event', {
        app: app.appName,
        type: event.type,
        about: routingKey(event),
      });
    const receivedAt = app.connection.lastMessageAt;
    this.options.router.dispatch(event, receivedAt);
    if (event.type === 'StasisStart') this.#strays.arrived(event.channel.id);
    // An outbound leg is known by the id the runtime gave it, never by Stasis() arguments: those come
    // from the dialplan, where a caller's dialled digits can put anything.
    if (event.type !== 'StasisStart' || this.#outboundLegs.has(event.channel.id)) return;
    const channelId = event.channel.id;
    if (channelId.startsWith(outboundLegIdPrefix)) {
      this.options.logger.warn('hanging up an outbound leg that arrived after its dial step ended', {
        app: app.appName,
        channel: channelId,
      });
      void this.options.ari.channels.hangup(channelId).catch(() => undefined);
      return;
    }
    if (app.version === null) {
      void this.#reject(app, channelId);
      return;
    }
    const refusal = this.#admission.admit(app.extension);
    if (refusal !== null) {
      refuseCall(
        this.options,
        { appName: app.appName, extension: app.extension, version: app.version },
        event,
        refusal,
      );
      return;
    }
    const connectionLost = new AbortController();
    app.activeCalls.set(channelId, connectionLost);
    const session = runCallSession(
      event,
      { appName: app.appName, extension: app.extension, version: app.version },
      {
        ...this.options.session,
        ari: this.options.ari,
        router: this.options.router,
        callLog: this.options.callLog,
        logger: this.options.logger,
        outboundLegs: this.#outboundLegs,
        limits: this.#limits,
      },
      connectionLost.signal,
      receivedAt,
    )
      .catch((error: unknown) =>
        this.options.logger.error('call session failed', { channel: channelId, reason: String(error) }),
      )
      .finally(() => {
        this.#admission.release(app.extension);
        app.activeCalls.delete(channelId);
        this.#sessions.delete(session);
        if (
          !this.#stopped &&
          app.version === null &&
          app.activeCalls.size === 0 &&
          this.#apps.get(app.extension) === app
        )
          void this.#unregister(app);
      });
    this.#sessions.add(session);
  }

  /** A call that arrived between unpublish and the app's unregistration: the dialplan rejects it. */
  async #reject(app: PublishedApp, channelId: string): Promise<void> {
    const { ari } = this.options;
    this.options.session.metrics.callRejected('unpublished');
    try {
      await ari.channels.setVariable(channelId, 'CALLFLOW_REJECT', '1');
      await ari.channels.continueInDialplan(channelId);
    } catch {
      await ari.channels.hangup(channelId, { reason: 'unallocated' }).catch(() => undefined);
    }
    this.options.logger.info('rejected a call to an unpublished extension', {
      extension: app.extension,
      channel: channelId,
    });
  }

  #changed(): void {
    for (const listener of this.#changeListeners) {
      try {
        listener();
      } catch {
        // A status listener must not break publication handling.
      }
    }
  }

  #event(level: 'info' | 'warn' | 'error', type: RuntimeEventType, message: string, app: PublishedApp): void {
    this.options.callLog.runtimeEvent({
      level,
      type,
      message,
      extension: app.extension,
      appName: app.appName,
      asteriskServer: this.options.session.asteriskServer,
    });
  }
}
