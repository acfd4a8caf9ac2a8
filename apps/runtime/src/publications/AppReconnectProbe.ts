import { type AriClient, type AriDisconnectReason, AriReconnectProbe } from '@callflow/ari';
import type { Logger } from '../log/Logger.ts';
import type { ConnectionLost } from './AppConnections.ts';
import type { PublishedApp } from './PublishedApp.ts';

/**
 * Disconnections after which Asterisk may come back at any moment (restart, network cut). Not a wrong
 * password or a refused app: probing would not fix those, and a 401 every 500 ms helps no one.
 */
const probedReasons: ReadonlySet<AriDisconnectReason> = new Set([
  'unreachable',
  'socket_closed',
  'keepalive_timeout',
]);

export interface AppReconnectProbeOptions {
  ari: AriClient;
  logger: Logger;
  /** The server's apps now. */
  apps: () => Iterable<PublishedApp>;
  /** How often Asterisk is asked whether it is back while apps wait to reconnect; default 500 ms. */
  intervalMs?: number;
}

/**
 * Brings a server's apps back as soon as its Asterisk answers again, however long their backoff has
 * grown: while any app waits to retry, asks the server (one request per interval, whatever the
 * number of apps) and has every waiting app retry at its first answer.
 */
export class AppReconnectProbe {
  readonly #probe: AriReconnectProbe;

  constructor(options: AppReconnectProbeOptions) {
    const waiting = () => [...options.apps()].filter((app) => app.connection.retryPending);
    this.#probe = new AriReconnectProbe({
      client: options.ari,
      intervalMs: options.intervalMs,
      waiting: () => waiting().length > 0,
      onAnswer: () => {
        const apps = waiting();
        options.logger.info('Asterisk answers again; re-registering its apps now', { apps: apps.length });
        for (const app of apps) app.connection.retryNow();
      },
    });
  }

  /** An app's connection dropped: probe when Asterisk may come back by itself. */
  connectionLost(state: ConnectionLost): void {
    if (state.retryInMs !== undefined && probedReasons.has(state.reason)) this.#probe.wake();
  }

  stop(): Promise<void> {
    return this.#probe.stop();
  }
}
