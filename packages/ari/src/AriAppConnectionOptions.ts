import type WebSocket from 'ws';
import type { AriClient } from './AriClient.ts';
import type { AriLogger } from './AriConnectionState.ts';

export interface AriBackoffOptions {
  initialMs?: number;
  maxMs?: number;
  factor?: number;
  /** Fraction of the delay randomly taken off, so many apps do not retry in lockstep. */
  jitter?: number;
}

export type AriWebSocketFactory = (url: string, options: WebSocket.ClientOptions) => WebSocket;

export interface AriAppConnectionOptions {
  /**
   * The REST client of the Asterisk server the app registers on (one per server, shared by its apps):
   * its credentials open the WebSocket, and it checks them first over REST.
   */
  client: AriClient;
  /** Stasis app name (at most 73 characters). */
  app: string;
  /** Default false: only events for this app's own channels and bridges. */
  subscribeAll?: boolean;
  logger?: AriLogger;
  createWebSocket?: AriWebSocketFactory;
  /** Default 0.5 s doubling up to 30 s, 20 % jitter. */
  backoff?: AriBackoffOptions;
  /** Timeout of the credential check and of the WebSocket handshake; default 5 s. */
  connectTimeoutMs?: number;
  /** Ping interval to detect dead connections; default 20 s, 0 disables. */
  keepaliveMs?: number;
  /**
   * Largest event message accepted (ws `maxPayload`); a larger one closes the socket (code 1009)
   * and the connection reconnects. Default 16 MiB: far above what a caller can make Asterisk send
   * (a SIP message is at most 64 KB), far below the 100 MiB ws would otherwise buffer and parse.
   */
  maxMessageBytes?: number;
}
