import WebSocket from 'ws';
import type {
  AriAppConnectionOptions,
  AriBackoffOptions,
  AriWebSocketFactory,
} from './AriAppConnectionOptions.ts';
import type { AriClient } from './AriClient.ts';
import {
  type AriConnectionState,
  type AriInvalidEvent,
  type AriLogger,
  DEFAULT_MAX_ARI_MESSAGE_BYTES,
  MAX_ARI_APP_NAME_LENGTH,
} from './AriConnectionState.ts';
import {
  classifyCheckError,
  classifySocketError,
  errorCode,
  type Failure,
  type FailureContext,
  printable,
} from './ariConnectionFailures.ts';
import { type AriEvent, parseAriEventMessage, type UnknownAriEvent } from './ariEvents.ts';
import { closeSocket } from './closeSocket.ts';
import { keepSocketAlive } from './keepSocketAlive.ts';

export type {
  AriAppConnectionOptions,
  AriBackoffOptions,
  AriWebSocketFactory,
} from './AriAppConnectionOptions.ts';

type Listener<T> = (value: T) => void | Promise<void>;

const consoleLogger: AriLogger = {
  info: (message, fields) => console.info(message, fields ?? {}),
  warn: (message, fields) => console.warn(message, fields ?? {}),
  error: (message, fields) => console.error(message, fields ?? {}),
};

const defaultWebSocketFactory: AriWebSocketFactory = (url, options) => new WebSocket(url, options);

function rawDataToString(data: WebSocket.RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && 'then' in value && typeof value.then === 'function';
}

/**
 * Registers one Stasis app over its own WebSocket and keeps it registered: checks credentials over
 * REST first (a WebSocket upgrade failure says little), retries forever with capped backoff, logs
 * a problem once rather than on every attempt, and never throws or leaves a ws 'error' unhandled.
 */
export class AriAppConnection {
  readonly app: string;
  /** REST client with the same credentials, e.g. for resync after `connected`. */
  readonly client: AriClient;

  readonly #subscribeAll: boolean;
  readonly #logger: AriLogger;
  readonly #createWebSocket: AriWebSocketFactory;
  readonly #backoff: Required<AriBackoffOptions>;
  readonly #connectTimeoutMs: number;
  readonly #keepaliveMs: number;
  readonly #maxMessageBytes: number;

  readonly #eventListeners = new Set<Listener<AriEvent>>();
  readonly #unknownEventListeners = new Set<Listener<UnknownAriEvent>>();
  readonly #invalidEventListeners = new Set<Listener<AriInvalidEvent>>();
  readonly #stateListeners = new Set<Listener<AriConnectionState>>();

  #state: AriConnectionState = { status: 'idle' };
  #running = false;
  /** Bumped by start/stop so callbacks of an earlier run can tell they are stale. */
  #generation = 0;
  #socket: WebSocket | undefined;
  #retryTimer: NodeJS.Timeout | undefined;
  #stopKeepalive: () => void = () => {};
  #checkAbort: AbortController | undefined;
  #failures = 0;
  #attempt = 0;
  #everConnected = false;
  #lastLoggedFailure: string | undefined;
  #lastMessageAt = 0;

  constructor(options: AriAppConnectionOptions) {
    this.app = options.app;
    this.#subscribeAll = options.subscribeAll ?? false;
    this.#logger = options.logger ?? consoleLogger;
    this.#createWebSocket = options.createWebSocket ?? defaultWebSocketFactory;
    this.#backoff = {
      initialMs: options.backoff?.initialMs ?? 500,
      maxMs: options.backoff?.maxMs ?? 30_000,
      factor: options.backoff?.factor ?? 2,
      jitter: options.backoff?.jitter ?? 0.2,
    };
    this.#connectTimeoutMs = options.connectTimeoutMs ?? 5_000;
    this.#keepaliveMs = options.keepaliveMs ?? 20_000;
    this.#maxMessageBytes = options.maxMessageBytes ?? DEFAULT_MAX_ARI_MESSAGE_BYTES;
    this.client = options.client;
  }

  get state(): AriConnectionState {
    return this.#state;
  }

  /**
   * performance.now() when the latest WebSocket message arrived, before it was parsed. Listeners run
   * synchronously on arrival, so inside an event listener this is that event's arrival time.
   */
  get lastMessageAt(): number {
    return this.#lastMessageAt;
  }

  /** The events URL with the credentials masked, for logs. */
  get eventsUrlForLog(): string {
    return this.client.eventsUrl(this.app, this.#subscribeAll, true);
  }

  onEvent(listener: Listener<AriEvent>): () => void {
    return this.#subscribe(this.#eventListeners, listener);
  }

  /** Events of a type without a schema in ariEvents.ts, as plain objects. */
  onUnknownEvent(listener: Listener<UnknownAriEvent>): () => void {
    return this.#subscribe(this.#unknownEventListeners, listener);
  }

  /** Messages that were not JSON, or a known event whose fields did not validate (also logged). */
  onInvalidEvent(listener: Listener<AriInvalidEvent>): () => void {
    return this.#subscribe(this.#invalidEventListeners, listener);
  }

  onStateChange(listener: Listener<AriConnectionState>): () => void {
    return this.#subscribe(this.#stateListeners, listener);
  }

  /** Idempotent. After `replaced`, calling it again takes the app name back. */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#generation += 1;
    this.#failures = 0;
    this.#attempt = 0;
    this.#lastLoggedFailure = undefined;
    if (this.app.length === 0 || this.app.length > MAX_ARI_APP_NAME_LENGTH) {
      // Asterisk refuses such names with HTTP 500 on the upgrade; retrying cannot help.
      this.#running = false;
      const message = `ARI app name '${this.app}' is invalid: it must have 1 to ${MAX_ARI_APP_NAME_LENGTH} characters`;
      this.#logger.error(message, { app: this.app });
      this.#setState({ status: 'disconnected', reason: 'http_error', message, retryInMs: undefined });
      return;
    }
    void this.#connect(this.#generation);
  }

  /** True while the connection waits out its backoff before the next attempt. */
  get retryPending(): boolean {
    return this.#running && this.#retryTimer !== undefined;
  }

  /**
   * Skips the rest of the backoff and tries at once, for when something else has just seen Asterisk
   * answer again (AriReconnectProbe). Does nothing unless a retry is pending: an attempt under way or
   * a registered app is left alone.
   */
  retryNow(): void {
    if (!this.retryPending) return;
    clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
    void this.#connect(this.#generation);
  }

  /** Closes the socket so Asterisk unregisters the app at once; no reconnect afterwards. */
  async stop(): Promise<void> {
    const wasActive = this.#running || this.#socket !== undefined;
    this.#running = false;
    this.#generation += 1;
    clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
    this.#checkAbort?.abort();
    this.#checkAbort = undefined;
    this.#stopKeepalive();
    const socket = this.#socket;
    this.#socket = undefined;
    if (socket) await closeSocket(socket);
    if (wasActive) {
      this.#setState({
        status: 'disconnected',
        reason: 'stopped',
        message: `ARI app '${this.app}' stopped`,
        retryInMs: undefined,
      });
    }
  }

  async #connect(generation: number): Promise<void> {
    if (!this.#isCurrent(generation)) return;
    this.#attempt += 1;
    this.#setState({ status: 'connecting', attempt: this.#attempt });

    const abort = new AbortController();
    this.#checkAbort = abort;
    try {
      // A REST call first: a failed upgrade only says "Unexpected server response", while this
      // tells a wrong password from an unreachable Asterisk.
      await this.client.asterisk.info({ signal: abort.signal, timeoutMs: this.#connectTimeoutMs });
    } catch (err) {
      if (!this.#isCurrent(generation)) return;
      this.#fail(generation, classifyCheckError(err, this.#failureContext()));
      return;
    } finally {
      if (this.#checkAbort === abort) this.#checkAbort = undefined;
    }
    if (!this.#isCurrent(generation)) return;
    this.#openSocket(generation);
  }

  #openSocket(generation: number): void {
    let socket: WebSocket;
    try {
      socket = this.#createWebSocket(this.client.eventsUrl(this.app, this.#subscribeAll), {
        handshakeTimeout: this.#connectTimeoutMs,
        maxPayload: this.#maxMessageBytes,
      });
    } catch (err) {
      this.#fail(generation, classifySocketError(err, this.#failureContext()));
      return;
    }
    this.#socket = socket;
    let opened = false;
    let lastError: unknown;
    let closeOverride: Failure | undefined;
    const current = (): boolean => this.#isCurrent(generation) && this.#socket === socket;

    // Every ws failure also ends in 'close', which decides what happens next; this listener
    // exists so an 'error' can never become an uncaught exception.
    socket.on('error', (err) => {
      lastError = err;
    });
    socket.on('open', () => {
      if (!current()) return;
      opened = true;
      this.#onConnected();
      this.#startKeepalive(socket, () => {
        closeOverride = {
          reason: 'keepalive_timeout',
          logKey: 'keepalive_timeout',
          message: `the ARI WebSocket for app '${this.app}' stopped answering pings`,
          logMessage: `ARI WebSocket at ${this.client.baseUrl} for app '${this.app}' stopped answering pings`,
        };
      });
    });
    socket.on('message', (data, isBinary) => {
      this.#lastMessageAt = performance.now();
      if (!current() || isBinary) return;
      this.#onMessage(rawDataToString(data), socket);
    });
    socket.on('close', (code, reasonBuffer) => {
      if (this.#socket === socket) {
        this.#socket = undefined;
        this.#stopKeepalive();
      }
      if (!this.#isCurrent(generation)) return;
      if (closeOverride) {
        this.#fail(generation, closeOverride);
      } else if (opened) {
        const reason = this.client.scrubSecrets(printable(reasonBuffer.toString('utf8'), 123));
        // ws closes the socket itself (1006 here) on a message over maxPayload.
        const tooLarge = errorCode(lastError) === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH';
        const why = tooLarge ? `a message over ${this.#maxMessageBytes} bytes` : `code ${code}`;
        this.#fail(generation, {
          reason: 'socket_closed',
          logKey: 'socket_closed',
          message: `the ARI WebSocket for app '${this.app}' closed (${why})`,
          logMessage: `ARI WebSocket for app '${this.app}' at ${this.client.baseUrl} closed (${why}${reason ? `, ${reason}` : ''})`,
          fields: { code },
        });
      } else {
        this.#fail(generation, classifySocketError(lastError, this.#failureContext()));
      }
    });
  }

  #onConnected(): void {
    const reconnected = this.#everConnected;
    const failedAttempts = this.#failures;
    this.#everConnected = true;
    this.#failures = 0;
    this.#attempt = 0;
    this.#lastLoggedFailure = undefined;
    this.#logger.info(
      `ARI app '${this.app}' registered at ${this.client.baseUrl}${reconnected ? ' again' : ''}`,
      {
        app: this.app,
        url: this.client.baseUrl,
        user: this.client.username,
        failedAttempts,
      },
    );
    this.#setState({ status: 'connected', reconnected });
  }

  #onMessage(text: string, socket: WebSocket): void {
    const result = parseAriEventMessage(text);
    if (!result.ok) {
      // A JSON parse error quotes the message's text (line breaks included): one bounded line.
      this.#logger.warn(
        `ignored malformed ARI event${result.type ? ` '${result.type}'` : ''}: ${printable(result.error, 500)}`,
        { app: this.app, type: result.type },
      );
      this.#emit(this.#invalidEventListeners, { type: result.type, error: result.error, raw: text });
      return;
    }
    if (!result.known) {
      this.#emit(this.#unknownEventListeners, result.event);
      return;
    }
    this.#emit(this.#eventListeners, result.event);
    if (result.event.type === 'ApplicationReplaced') this.#onReplaced(socket);
  }

  #onReplaced(socket: WebSocket): void {
    // The new owner keeps the app; reconnecting would steal it back and start a tug of war.
    this.#running = false;
    this.#generation += 1;
    clearTimeout(this.#retryTimer);
    this.#stopKeepalive();
    if (this.#socket === socket) this.#socket = undefined;
    void closeSocket(socket);
    const message = `ARI app '${this.app}' was registered by another connection (ApplicationReplaced); this one stops`;
    this.#logger.warn(message, { app: this.app, url: this.client.baseUrl });
    this.#setState({ status: 'disconnected', reason: 'replaced', message, retryInMs: undefined });
  }

  #fail(generation: number, failure: Failure): void {
    if (!this.#isCurrent(generation)) return;
    this.#failures += 1;
    const delay = this.#nextDelay();
    if (failure.logKey !== this.#lastLoggedFailure) {
      this.#lastLoggedFailure = failure.logKey;
      const line = `${failure.logMessage}; retrying with backoff up to ${formatSeconds(this.#backoff.maxMs)}`;
      const fields = {
        app: this.app,
        url: this.client.baseUrl,
        user: this.client.username,
        ...failure.fields,
      };
      if (failure.reason === 'unauthorized') this.#logger.error(line, fields);
      else this.#logger.warn(line, fields);
    }
    // Scheduled before the state is announced, so listeners already see `retryPending` (and may
    // call retryNow or stop).
    clearTimeout(this.#retryTimer);
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = undefined;
      void this.#connect(generation);
    }, delay);
    this.#setState({
      status: 'disconnected',
      reason: failure.reason,
      message: failure.message,
      retryInMs: delay,
    });
  }

  #nextDelay(): number {
    const { initialMs, maxMs, factor, jitter } = this.#backoff;
    const raw = Math.min(maxMs, initialMs * factor ** Math.max(0, this.#failures - 1));
    return Math.round(raw * (1 - jitter * Math.random()));
  }

  #failureContext(): FailureContext {
    return {
      baseUrl: this.client.baseUrl,
      username: this.client.username,
      scrubSecrets: (text) => this.client.scrubSecrets(text),
      app: this.app,
      connectTimeoutMs: this.#connectTimeoutMs,
    };
  }

  #startKeepalive(socket: WebSocket, onTimeout: () => void): void {
    this.#stopKeepalive();
    this.#stopKeepalive = keepSocketAlive(socket, this.#keepaliveMs, onTimeout);
  }

  #isCurrent(generation: number): boolean {
    return this.#running && this.#generation === generation;
  }

  #setState(state: AriConnectionState): void {
    this.#state = state;
    this.#emit(this.#stateListeners, state);
  }

  #subscribe<T>(set: Set<Listener<T>>, listener: Listener<T>): () => void {
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }

  // A throwing or rejecting listener must not break event delivery or the reconnect loop.
  #emit<T>(set: Set<Listener<T>>, value: T): void {
    for (const listener of [...set]) {
      try {
        const result = listener(value);
        if (isPromiseLike(result)) {
          result.then(undefined, (err: unknown) => this.#reportListenerError(err));
        }
      } catch (err) {
        this.#reportListenerError(err);
      }
    }
  }

  #reportListenerError(err: unknown): void {
    this.#logger.error('ARI listener failed', {
      app: this.app,
      error: err instanceof Error ? (err.stack ?? err.message) : String(err),
    });
  }
}

function formatSeconds(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}
