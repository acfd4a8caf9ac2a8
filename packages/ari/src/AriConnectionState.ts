/** What an ARI app connection reports: its state, why it dropped, and its fixed limits. */

export type AriLogFields = Record<string, unknown>;

export interface AriLogger {
  info(message: string, fields?: AriLogFields): void;
  warn(message: string, fields?: AriLogFields): void;
  error(message: string, fields?: AriLogFields): void;
}

export type AriDisconnectReason =
  /** Asterisk answered 401: wrong ARI username or password. */
  | 'unauthorized'
  /** No HTTP answer: Asterisk down, wrong host/port, or too slow. */
  | 'unreachable'
  /** Another HTTP status, e.g. 500 on the upgrade for an invalid app name. */
  | 'http_error'
  /** An open socket was closed (Asterisk restart, network cut). */
  | 'socket_closed'
  /** No pong to our ping: the TCP connection is dead without having been closed. */
  | 'keepalive_timeout'
  /** Another socket registered the same app name (ApplicationReplaced); no automatic retry. */
  | 'replaced'
  | 'stopped';

export type AriConnectionState =
  | { status: 'idle' }
  | { status: 'connecting'; attempt: number }
  /**
   * The app is registered. Channels already in Stasis for this app (from before a drop or a
   * runtime restart) get no new StasisStart, so resync on every `connected`, not only when
   * `reconnected` is true.
   */
  | { status: 'connected'; reconnected: boolean }
  | {
      status: 'disconnected';
      reason: AriDisconnectReason;
      /**
       * What happened, without the server's address or the ARI user (it is stored in runtime events
       * and call logs that flow viewers read); the log line says where.
       */
      message: string;
      /** Delay before the next attempt; undefined when no retry follows (stopped, replaced). */
      retryInMs: number | undefined;
    };

export interface AriInvalidEvent {
  /** The event type if the message had one (a known type whose fields did not validate). */
  type: string | undefined;
  error: string;
  raw: string;
}

export const MAX_ARI_APP_NAME_LENGTH = 73;
export const DEFAULT_MAX_ARI_MESSAGE_BYTES = 16 * 1024 * 1024;
