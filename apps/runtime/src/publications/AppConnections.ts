import {
  AriAppConnection,
  type AriAppConnectionOptions,
  type AriClient,
  type AriConnectionState,
  type AriEvent,
} from '@callflow/ari';
import type { LoadedVersion } from '../engine/CallSession.ts';
import type { Logger } from '../log/Logger.ts';
import type { ServerMetrics } from '../metrics/ServerMetrics.ts';
import type { AppNotices } from './AppNotices.ts';
import type { PublishedApp } from './PublishedApp.ts';

/** A connection's state when it has just dropped (not when it was stopped). */
export type ConnectionLost = Extract<AriConnectionState, { status: 'disconnected' }>;

export interface AppConnectionsOptions {
  ari: AriClient;
  appPrefix: string;
  logger: Logger;
  metrics: ServerMetrics;
  notices: AppNotices;
  /** Tuning of each app's connection (tests shorten the backoff). */
  connection?: Pick<AriAppConnectionOptions, 'backoff' | 'keepaliveMs' | 'connectTimeoutMs'>;
  /** Every event of every app. */
  onEvent(app: PublishedApp, event: AriEvent): void;
  /** The app's connection is registered with Asterisk (first time or again). */
  onRegistered(app: PublishedApp): void;
  /** The app's connection dropped; it retries on its own backoff. */
  onConnectionLost(app: PublishedApp, state: ConnectionLost): void;
}

/**
 * The registered Stasis apps, one per published extension: each app's connection (`<prefix><extension>`,
 * one WebSocket on the server's client), its metrics and runtime events, and its unregistration.
 */
export class AppConnections {
  readonly #apps = new Map<string, PublishedApp>();

  constructor(private readonly options: AppConnectionsOptions) {}

  get(extension: string): PublishedApp | undefined {
    return this.#apps.get(extension);
  }

  all(): IterableIterator<PublishedApp> {
    return this.#apps.values();
  }

  register(extension: string, version: LoadedVersion): void {
    const { ari, appPrefix, logger, metrics, notices } = this.options;
    const appName = `${appPrefix}${extension}`;
    const connection = new AriAppConnection({
      ...this.options.connection,
      client: ari,
      app: appName,
      logger: logger.child({ app: appName }),
    });
    const app: PublishedApp = { extension, appName, connection, version, activeCalls: new Map() };
    this.#apps.set(extension, app);
    connection.onEvent((event) => this.options.onEvent(app, event));
    connection.onStateChange((state) => {
      notices.changed();
      if (state.status === 'connected') {
        if (state.reconnected) metrics.websocketReconnected();
        notices.event('info', 'app_registered', `app ${appName} registered`, app);
        this.options.onRegistered(app);
      } else if (state.status === 'disconnected' && state.reason !== 'stopped') {
        metrics.connectionFailed(state.reason);
        notices.event(
          'warn',
          'app_disconnected',
          `app ${appName} lost its connection: ${state.message}`,
          app,
        );
        this.options.onConnectionLost(app, state);
      }
    });
    connection.start();
    notices.changed();
    notices.event('info', 'publish_applied', `extension ${extension} runs version ${version.number}`, app);
  }

  /** Unregisters an unpublished app once its last call has ended; an app still serving stays. */
  async unregisterIfDone(app: PublishedApp): Promise<void> {
    if (app.version !== null || app.activeCalls.size > 0 || this.#apps.get(app.extension) !== app) return;
    this.#apps.delete(app.extension);
    this.options.notices.changed();
    await app.connection.stop();
    this.options.notices.event('info', 'app_unregistered', `app ${app.appName} unregistered`, app);
  }

  /** Closes every app's connection (the runtime is stopping). */
  async stopAll(): Promise<void> {
    await Promise.all([...this.#apps.values()].map((app) => app.connection.stop()));
    this.#apps.clear();
    this.options.notices.changed();
  }
}
