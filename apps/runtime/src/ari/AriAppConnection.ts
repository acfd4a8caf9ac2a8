import WebSocket from 'ws';
import { AriClient, type AriRequestObserver } from './AriClient.ts';
import { AriError } from './AriError.ts';
import { type AriEvent, parseAriEventMessage, type UnknownAriEvent } from './ariEvents.ts';

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

export interface AriBackoffOptions {
  initialMs?: number;
  maxMs?: number;
  factor?: number;
  /** Fraction of the delay randomly taken off, so many apps do not retry in lockstep. */
  jitter?: number;
}

export type AriWebSocketFactory = (url: string, options: WebSocket.ClientOptions) => WebSocket;

export interface AriAppConnectionOptions {
  /** Asterisk HTTP server, with or without trailing `/ari`: `http://127.0.0.1:8088`. */
  url: string;
  username: string;
  password: string;
  /** Stasis app name (at most 73 characters). */
  app: string;
  /** Default false: only events for this app's own channels and bridges. */
  subscribeAll?: boolean;
  logger?: AriLogger;
  fetch?: typeof globalThis.fetch;
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
  /** Told about the REST requests of the connection check (for metrics). */
  requestObserver?: AriRequestObserver;
}

type Listener<T> = (value: T) => void | Promise<void>;

interface Failure {
  reason: AriDisconnectReason;
  /** Same key as the last logged failure: stay quiet. */
  logKey: string;
  /** For the state (runtime events, call logs): no address, no user name, no password. */
  message: string;
  /** For the operator's log: may name the address and the user, never the password. */
  logMessage: string;
  fields?: AriLogFields;
}

/** Control characters as spaces and a bounded length, for text that came from the network. */
function printable(text: string, max = 200): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ');
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

function errorCode(err: unknown): string | undefined {
  return err instanceof Error &&
    'code' in err &&
    typeof err.code === 'string' &&
    /^[A-Z][A-Z0-9_]{0,63}$/.test(err.code)
    ? err.code
    : undefined;
}

export const MAX_ARI_APP_NAME_LENGTH = 73;
export const DEFAULT_MAX_ARI_MESSAGE_BYTES = 16 * 1024 * 1024;

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

  readonly #password: string;
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
  #keepaliveTimer: NodeJS.Timeout | undefined;
  #checkAbort: AbortController | undefined;
  #failures = 0;
  #attempt = 0;
  #everConnected = false;
  #lastLoggedFailure: string | undefined;
  #lastMessageAt = 0;

  constructor(options: AriAppConnectionOptions) {
    this.app = options.app;
    this.#password = options.password;
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
    this.client = new AriClient({
      url: options.url,
      username: options.username,
      password: options.password,
      fetch: options.fetch,
      observer: options.requestObserver,
    });
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
    return this.#eventsUrl('***');
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
      this.#fail(generation, this.#classifyCheckError(err));
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
      socket = this.#createWebSocket(this.#eventsUrl(), {
        handshakeTimeout: this.#connectTimeoutMs,
        maxPayload: this.#maxMessageBytes,
      });
    } catch (err) {
      this.#fail(generation, this.#classifySocketError(err));
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
        const reason = this.#scrub(printable(reasonBuffer.toString('utf8'), 123));
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
        this.#fail(generation, this.#classifySocketError(lastError));
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

  #classifyCheckError(err: unknown): Failure {
    const baseUrl = this.client.baseUrl;
    if (err instanceof AriError) {
      if (err.kind === 'unauthorized') {
        return {
          reason: 'unauthorized',
          logKey: 'unauthorized',
          message: 'Asterisk rejected the ARI user name or password',
          logMessage: `ARI at ${baseUrl} rejected user '${this.client.username}': wrong ARI username or password`,
          fields: { status: err.status },
        };
      }
      if (err.status === undefined) {
        // AriError messages name no address (see AriError); a timeout says how long was waited.
        const why =
          err.kind === 'timeout'
            ? `no answer within ${this.#connectTimeoutMs} ms`
            : (unreachableDetail(err) ?? err.message);
        return {
          reason: 'unreachable',
          logKey: 'unreachable',
          message: `Asterisk unreachable (${why})`,
          logMessage: `Asterisk unreachable at ${baseUrl} (${why})`,
        };
      }
      const answered = `answered HTTP ${err.status} to GET /asterisk/info${err.ariMessage ? ` (${printable(err.ariMessage)})` : ''}`;
      return {
        reason: 'http_error',
        logKey: `http_${err.status}`,
        message: `Asterisk ${answered}`,
        logMessage: `ARI at ${baseUrl} ${answered}`,
        fields: { status: err.status },
      };
    }
    // Not an AriError (a bug rather than the network): its name only, the message may hold anything.
    const what = err instanceof Error ? (errorCode(err) ?? err.name) : 'unknown error';
    return {
      reason: 'unreachable',
      logKey: 'unreachable',
      message: `Asterisk unreachable (${what})`,
      logMessage: `Asterisk unreachable at ${baseUrl} (${err instanceof Error ? this.#scrub(printable(err.message)) : what})`,
    };
  }

  /**
   * A failed WebSocket: ws reports a refused upgrade as "Unexpected server response: <status>", and
   * an invalid address with a message that repeats it, credentials included: only the status and
   * the error code are used, and the log line gets the message with the credentials removed.
   */
  #classifySocketError(err: unknown): Failure {
    const baseUrl = this.client.baseUrl;
    const text =
      err instanceof Error ? err.message : err === undefined ? 'closed during handshake' : String(err);
    const status = /^Unexpected server response: (\d{3})$/.exec(text)?.[1];
    if (status === '401') {
      return {
        reason: 'unauthorized',
        logKey: 'unauthorized',
        message: 'Asterisk rejected the ARI user name or password on the WebSocket',
        logMessage: `ARI at ${baseUrl} rejected user '${this.client.username}' on the WebSocket: wrong ARI username or password`,
        fields: { status: 401 },
      };
    }
    if (status !== undefined) {
      const hint =
        status === '500' ? ` (invalid app name? at most ${MAX_ARI_APP_NAME_LENGTH} characters)` : '';
      return {
        reason: 'http_error',
        logKey: `http_${status}`,
        message: `Asterisk refused the WebSocket for app '${this.app}' with HTTP ${status}${hint}`,
        logMessage: `ARI at ${baseUrl} refused the WebSocket for app '${this.app}' with HTTP ${status}${hint}`,
        fields: { status: Number(status) },
      };
    }
    const code = errorCode(err);
    const what = code ?? (err === undefined ? 'closed during handshake' : 'WebSocket failed');
    return {
      reason: 'unreachable',
      logKey: 'unreachable',
      message: `Asterisk unreachable (${what})`,
      logMessage: `Asterisk unreachable at ${baseUrl} (${code ?? this.#scrub(printable(text))})`,
    };
  }

  /** `text` without the password and the events URL's api_key (which holds it). */
  #scrub(text: string): string {
    let scrubbed = text.replace(/api_key=[^&\s]*/gi, 'api_key=***');
    for (const secret of new Set([this.#password, encodeURIComponent(this.#password)]))
      if (secret.length > 0) scrubbed = scrubbed.split(secret).join('***');
    return scrubbed;
  }

  #eventsUrl(maskedSecret?: string): string {
    const wsBase = this.client.baseUrl.replace(/^http(s?):/i, 'ws$1:');
    const apiKey =
      maskedSecret === undefined
        ? encodeURIComponent(`${this.client.username}:${this.#password}`)
        : `${encodeURIComponent(this.client.username)}:${maskedSecret}`;
    return `${wsBase}/ari/events?app=${encodeURIComponent(this.app)}&subscribeAll=${this.#subscribeAll}&api_key=${apiKey}`;
  }

  #startKeepalive(socket: WebSocket, onTimeout: () => void): void {
    this.#stopKeepalive();
    if (this.#keepaliveMs <= 0) return;
    let alive = true;
    socket.on('pong', () => {
      alive = true;
    });
    this.#keepaliveTimer = setInterval(() => {
      if (!alive) {
        onTimeout();
        socket.terminate();
        return;
      }
      alive = false;
      try {
        socket.ping();
      } catch {
        // the 'close' handler takes over
      }
    }, this.#keepaliveMs);
  }

  #stopKeepalive(): void {
    clearInterval(this.#keepaliveTimer);
    this.#keepaliveTimer = undefined;
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

function unreachableDetail(err: AriError): string | undefined {
  const cause = err.cause;
  if (cause instanceof Error) {
    const inner = cause.cause;
    if (inner && typeof inner === 'object' && 'code' in inner && typeof inner.code === 'string')
      return inner.code;
  }
  return undefined;
}

function formatSeconds(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}

const CLOSE_WAIT_MS = 2_000;

/** Resolves once the close handshake is done (or forced), so Asterisk has dropped the app. */
function closeSocket(socket: WebSocket): Promise<void> {
  if (socket.readyState === WebSocket.CLOSED) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      socket.terminate();
      resolve();
    }, CLOSE_WAIT_MS);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
    try {
      if (socket.readyState === WebSocket.CONNECTING) socket.terminate();
      else socket.close(1000, 'stopping');
    } catch {
      socket.terminate();
    }
  });
}
