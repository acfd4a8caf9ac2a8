import { z } from 'zod';
import { AriError, type AriErrorKind } from './AriError.ts';
import {
  type Application,
  ApplicationSchema,
  type AsteriskInfo,
  AsteriskInfoSchema,
  type AsteriskPing,
  AsteriskPingSchema,
  type Bridge,
  BridgeSchema,
  type Channel,
  ChannelSchema,
  type DeviceState,
  DeviceStateSchema,
  type LiveRecording,
  LiveRecordingSchema,
  type Playback,
  PlaybackSchema,
  type StoredRecording,
  StoredRecordingSchema,
  VariableSchema,
} from './ariModels.ts';

export interface AriClientOptions {
  /** Asterisk HTTP server, with or without the trailing `/ari`: `http://127.0.0.1:8088`. */
  url: string;
  username: string;
  password: string;
  fetch?: typeof globalThis.fetch;
  /** Per-request timeout; default 10 000 ms. */
  timeoutMs?: number;
  /** Told about every request when it ends (for metrics). */
  observer?: AriRequestObserver;
}

export interface AriRequestObserver {
  /**
   * One request ended: `result` is `ok` or the AriError kind, `seconds` runs until the response was
   * read (or the request failed). Called synchronously: keep it cheap and never throw.
   */
  requestEnded(method: string, result: 'ok' | AriErrorKind, seconds: number): void;
}

export interface AriRequestOptions {
  /** Cancels the request; the error then has kind `aborted`. */
  signal?: AbortSignal;
  timeoutMs?: number;
}

export type AriQueryValue = string | number | boolean | undefined;
export type AriQuery = Record<string, AriQueryValue>;

export interface AriRawRequest {
  query?: AriQuery;
  /** Sent as JSON. */
  body?: unknown;
}

export type HangupReason =
  | 'normal'
  | 'busy'
  | 'congestion'
  | 'no_answer'
  | 'timeout'
  | 'rejected'
  | 'unallocated'
  | 'normal_unspecified'
  | 'number_incomplete'
  | 'codec_mismatch'
  | 'interworking'
  | 'failure'
  | 'answered_elsewhere';

export interface HangupParams {
  reason?: HangupReason;
  /** Q.850 cause code; Asterisk rejects it together with `reason`. */
  reasonCode?: number;
}

/**
 * A play request's answer (the Playback) is not read: its id is ours, and how it went comes as
 * PlaybackStarted/PlaybackFinished events. It used to be parsed and checked for every prompt of
 * every call (three per call in the load benchmark's flow) and then dropped.
 */
export interface PlayParams {
  /** Chosen by us, so a waiter for PlaybackFinished can be registered before the request. */
  playbackId: string;
  /** `sound:`, `recording:`, `digits:`, `number:`, `characters:`, `tone:` URIs, played in order. */
  media: string | readonly string[];
  lang?: string;
  offsetms?: number;
  skipms?: number;
}

export interface RecordParams {
  /** May contain `/` for sub folders below the recording spool directory. */
  name: string;
  format: string;
  maxDurationSeconds?: number;
  maxSilenceSeconds?: number;
  ifExists?: 'fail' | 'overwrite' | 'append';
  beep?: boolean;
  terminateOn?: 'none' | 'any' | '*' | '#';
}

export interface CreateChannelParams {
  endpoint: string;
  app: string;
  appArgs?: string | readonly string[];
  channelId?: string;
  otherChannelId?: string;
  /** Id of the channel on whose behalf this one is created (codecs, linked ids). */
  originator?: string;
  formats?: string;
  /** `/channels/create` has no callerId parameter, so this is sent as CALLERID() variables. */
  callerId?: { name?: string; number?: string };
  variables?: Record<string, string>;
}

export interface DialParams {
  /** Channel id of the caller: its caller id is presented to the callee. */
  caller?: string;
  /** Seconds before giving up; ends as a hangup with cause 19 (no answer). */
  timeout?: number;
}

export interface ContinueParams {
  context?: string;
  extension?: string;
  priority?: number;
  label?: string;
}

export type BridgeType = 'mixing' | 'holding' | 'dtmf_events' | 'proxy_media' | 'video_sfu' | 'video_single';

export interface CreateBridgeParams {
  bridgeId: string;
  type?: BridgeType | readonly BridgeType[];
  name?: string;
}

export interface AddChannelParams {
  role?: string;
  absorbDTMF?: boolean;
  mute?: boolean;
  inhibitConnectedLineUpdates?: boolean;
}

export type DeviceStateValue =
  | 'NOT_INUSE'
  | 'INUSE'
  | 'BUSY'
  | 'INVALID'
  | 'UNAVAILABLE'
  | 'RINGING'
  | 'RINGINUSE'
  | 'ONHOLD';

export interface StoredRecordingFile {
  bytes: Uint8Array;
  contentType: string;
}

const DEFAULT_TIMEOUT_MS = 10_000;

const seg = (value: string): string => encodeURIComponent(value);

const nothing = (): void => undefined;

function joinList(value: string | readonly string[]): string {
  return typeof value === 'string' ? value : value.join(',');
}

// encodeURIComponent rather than URLSearchParams: Asterisk's legacy URI decoding treats `+` as a
// space, so `%20` and `%2B` are the only unambiguous spellings.
function buildQuery(query: AriQuery | undefined): string {
  if (!query) return '';
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  }
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}

function playQuery(params: PlayParams): AriQuery {
  return {
    media: joinList(params.media),
    lang: params.lang,
    offsetms: params.offsetms,
    skipms: params.skipms,
  };
}

function normalizeBaseUrl(url: string): string {
  let base = url.trim();
  while (base.endsWith('/')) base = base.slice(0, -1);
  if (base.endsWith('/ari')) base = base.slice(0, -'/ari'.length);
  return base;
}

/**
 * What a network failure was, as a code (`ECONNREFUSED`, `UND_ERR_CONNECT_TIMEOUT`...). Never the
 * error's message: fetch's messages can carry the address, and the AriError's message is shown to
 * flow viewers.
 */
function networkDetail(err: unknown): string {
  for (let error = err, depth = 0; depth < 3 && typeof error === 'object' && error !== null; depth++) {
    if ('code' in error && typeof error.code === 'string' && /^[A-Z][A-Z0-9_]{0,63}$/.test(error.code))
      return error.code;
    error = 'cause' in error ? error.cause : undefined;
  }
  return 'no answer';
}

/**
 * Typed client for the ARI REST API. Ids always go into the path URI-encoded, so recording names
 * with sub folders (`flows/a/msg`) become `flows%2Fa%2Fmsg` as Asterisk expects.
 */
export class AriClient {
  /** Asterisk HTTP server without `/ari`, safe to log. */
  readonly baseUrl: string;
  readonly username: string;
  // Private fields stay out of util.inspect / console.log of the client.
  readonly #authorization: string;
  readonly #fetch: typeof globalThis.fetch;
  readonly #timeoutMs: number;
  readonly #observer: AriRequestObserver | undefined;
  readonly #headers: Record<string, string>;
  readonly #jsonHeaders: Record<string, string>;

  constructor(options: AriClientOptions) {
    this.baseUrl = normalizeBaseUrl(options.url);
    // fetch refuses such URLs with a message that repeats them, password included.
    if (URL.canParse(this.baseUrl)) {
      const { username, password } = new URL(this.baseUrl);
      if (username !== '' || password !== '')
        throw new Error(
          'the ARI URL must not contain a user name or password: give them as ARI_USERNAME and ARI_PASSWORD',
        );
    }
    this.username = options.username;
    this.#authorization = `Basic ${Buffer.from(`${options.username}:${options.password}`).toString('base64')}`;
    this.#fetch = options.fetch ?? globalThis.fetch;
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#observer = options.observer;
    this.#headers = { authorization: this.#authorization, accept: 'application/json' };
    this.#jsonHeaders = { ...this.#headers, 'content-type': 'application/json' };
  }

  readonly asterisk = {
    info: (opts?: AriRequestOptions): Promise<AsteriskInfo> =>
      this.request('GET', '/asterisk/info', {}, AsteriskInfoSchema, opts),
    ping: (opts?: AriRequestOptions): Promise<AsteriskPing> =>
      this.request('GET', '/asterisk/ping', {}, AsteriskPingSchema, opts),
  };

  readonly channels = {
    list: (opts?: AriRequestOptions): Promise<Channel[]> =>
      this.request('GET', '/channels', {}, z.array(ChannelSchema), opts),
    get: (channelId: string, opts?: AriRequestOptions): Promise<Channel> =>
      this.request('GET', `/channels/${seg(channelId)}`, {}, ChannelSchema, opts),
    answer: (channelId: string, opts?: AriRequestOptions): Promise<void> =>
      this.requestVoid('POST', `/channels/${seg(channelId)}/answer`, {}, opts),
    hangup: (channelId: string, params: HangupParams = {}, opts?: AriRequestOptions): Promise<void> =>
      this.requestVoid(
        'DELETE',
        `/channels/${seg(channelId)}`,
        { query: { reason: params.reason, reason_code: params.reasonCode } },
        opts,
      ),
    /** Resolves once Asterisk accepted it; see PlayParams for why the answer is not read. */
    play: (channelId: string, params: PlayParams, opts?: AriRequestOptions): Promise<void> =>
      this.requestVoid(
        'POST',
        `/channels/${seg(channelId)}/play/${seg(params.playbackId)}`,
        { query: playQuery(params) },
        opts,
      ),
    record: (channelId: string, params: RecordParams, opts?: AriRequestOptions): Promise<LiveRecording> =>
      this.request(
        'POST',
        `/channels/${seg(channelId)}/record`,
        {
          query: {
            name: params.name,
            format: params.format,
            maxDurationSeconds: params.maxDurationSeconds,
            maxSilenceSeconds: params.maxSilenceSeconds,
            ifExists: params.ifExists,
            beep: params.beep,
            terminateOn: params.terminateOn,
          },
        },
        LiveRecordingSchema,
        opts,
      ),
    create: (params: CreateChannelParams, opts?: AriRequestOptions): Promise<Channel> => {
      const variables: Record<string, string> = { ...params.variables };
      if (params.callerId?.name !== undefined) variables['CALLERID(name)'] = params.callerId.name;
      if (params.callerId?.number !== undefined) variables['CALLERID(num)'] = params.callerId.number;
      return this.request(
        'POST',
        '/channels/create',
        {
          query: {
            endpoint: params.endpoint,
            app: params.app,
            appArgs: params.appArgs === undefined ? undefined : joinList(params.appArgs),
            channelId: params.channelId,
            otherChannelId: params.otherChannelId,
            originator: params.originator,
            formats: params.formats,
          },
          body: Object.keys(variables).length > 0 ? { variables } : undefined,
        },
        ChannelSchema,
        opts,
      );
    },
    dial: (channelId: string, params: DialParams = {}, opts?: AriRequestOptions): Promise<void> =>
      this.requestVoid(
        'POST',
        `/channels/${seg(channelId)}/dial`,
        { query: { caller: params.caller, timeout: params.timeout } },
        opts,
      ),
    continueInDialplan: (
      channelId: string,
      params: ContinueParams = {},
      opts?: AriRequestOptions,
    ): Promise<void> =>
      this.requestVoid(
        'POST',
        `/channels/${seg(channelId)}/continue`,
        {
          query: {
            context: params.context,
            extension: params.extension,
            priority: params.priority,
            label: params.label,
          },
        },
        opts,
      ),
    setVariable: (
      channelId: string,
      variable: string,
      value: string,
      opts?: AriRequestOptions,
    ): Promise<void> =>
      this.requestVoid('POST', `/channels/${seg(channelId)}/variable`, { query: { variable, value } }, opts),
    getVariable: async (channelId: string, variable: string, opts?: AriRequestOptions): Promise<string> => {
      const result = await this.request(
        'GET',
        `/channels/${seg(channelId)}/variable`,
        { query: { variable } },
        VariableSchema,
        opts,
      );
      return result.value;
    },
    startMoh: (channelId: string, mohClass?: string, opts?: AriRequestOptions): Promise<void> =>
      this.requestVoid('POST', `/channels/${seg(channelId)}/moh`, { query: { mohClass } }, opts),
    stopMoh: (channelId: string, opts?: AriRequestOptions): Promise<void> =>
      this.requestVoid('DELETE', `/channels/${seg(channelId)}/moh`, {}, opts),
    ring: (channelId: string, opts?: AriRequestOptions): Promise<void> =>
      this.requestVoid('POST', `/channels/${seg(channelId)}/ring`, {}, opts),
    ringStop: (channelId: string, opts?: AriRequestOptions): Promise<void> =>
      this.requestVoid('DELETE', `/channels/${seg(channelId)}/ring`, {}, opts),
  };

  readonly bridges = {
    create: (params: CreateBridgeParams, opts?: AriRequestOptions): Promise<Bridge> =>
      this.request(
        'POST',
        '/bridges',
        {
          query: {
            bridgeId: params.bridgeId,
            type: params.type === undefined ? undefined : joinList(params.type),
            name: params.name,
          },
        },
        BridgeSchema,
        opts,
      ),
    get: (bridgeId: string, opts?: AriRequestOptions): Promise<Bridge> =>
      this.request('GET', `/bridges/${seg(bridgeId)}`, {}, BridgeSchema, opts),
    list: (opts?: AriRequestOptions): Promise<Bridge[]> =>
      this.request('GET', '/bridges', {}, z.array(BridgeSchema), opts),
    addChannel: (
      bridgeId: string,
      channelId: string | readonly string[],
      params: AddChannelParams = {},
      opts?: AriRequestOptions,
    ): Promise<void> =>
      this.requestVoid(
        'POST',
        `/bridges/${seg(bridgeId)}/addChannel`,
        {
          query: {
            channel: joinList(channelId),
            role: params.role,
            absorbDTMF: params.absorbDTMF,
            mute: params.mute,
            inhibitConnectedLineUpdates: params.inhibitConnectedLineUpdates,
          },
        },
        opts,
      ),
    removeChannel: (
      bridgeId: string,
      channelId: string | readonly string[],
      opts?: AriRequestOptions,
    ): Promise<void> =>
      this.requestVoid(
        'POST',
        `/bridges/${seg(bridgeId)}/removeChannel`,
        { query: { channel: joinList(channelId) } },
        opts,
      ),
    destroy: (bridgeId: string, opts?: AriRequestOptions): Promise<void> =>
      this.requestVoid('DELETE', `/bridges/${seg(bridgeId)}`, {}, opts),
    startMoh: (bridgeId: string, mohClass?: string, opts?: AriRequestOptions): Promise<void> =>
      this.requestVoid('POST', `/bridges/${seg(bridgeId)}/moh`, { query: { mohClass } }, opts),
    stopMoh: (bridgeId: string, opts?: AriRequestOptions): Promise<void> =>
      this.requestVoid('DELETE', `/bridges/${seg(bridgeId)}/moh`, {}, opts),
    /** Resolves once Asterisk accepted it; see PlayParams for why the answer is not read. */
    play: (bridgeId: string, params: PlayParams, opts?: AriRequestOptions): Promise<void> =>
      this.requestVoid(
        'POST',
        `/bridges/${seg(bridgeId)}/play/${seg(params.playbackId)}`,
        { query: playQuery(params) },
        opts,
      ),
  };

  readonly playbacks = {
    get: (playbackId: string, opts?: AriRequestOptions): Promise<Playback> =>
      this.request('GET', `/playbacks/${seg(playbackId)}`, {}, PlaybackSchema, opts),
    /** Only stops `sound:`, `recording:` and `tone:` items (measured on Asterisk 22). */
    stop: (playbackId: string, opts?: AriRequestOptions): Promise<void> =>
      this.requestVoid('DELETE', `/playbacks/${seg(playbackId)}`, {}, opts),
  };

  readonly recordings = {
    listStored: (opts?: AriRequestOptions): Promise<StoredRecording[]> =>
      this.request('GET', '/recordings/stored', {}, z.array(StoredRecordingSchema), opts),
    getStored: (name: string, opts?: AriRequestOptions): Promise<StoredRecording> =>
      this.request('GET', `/recordings/stored/${seg(name)}`, {}, StoredRecordingSchema, opts),
    getStoredFile: (name: string, opts?: AriRequestOptions): Promise<StoredRecordingFile> =>
      this.#requestBytes('GET', `/recordings/stored/${seg(name)}/file`, opts),
    deleteStored: (name: string, opts?: AriRequestOptions): Promise<void> =>
      this.requestVoid('DELETE', `/recordings/stored/${seg(name)}`, {}, opts),
    getLive: (name: string, opts?: AriRequestOptions): Promise<LiveRecording> =>
      this.request('GET', `/recordings/live/${seg(name)}`, {}, LiveRecordingSchema, opts),
    /** Stops and keeps the file; RecordingFinished follows. */
    stopLive: (name: string, opts?: AriRequestOptions): Promise<void> =>
      this.requestVoid('POST', `/recordings/live/${seg(name)}/stop`, {}, opts),
    /** Stops and discards the file. */
    cancelLive: (name: string, opts?: AriRequestOptions): Promise<void> =>
      this.requestVoid('DELETE', `/recordings/live/${seg(name)}`, {}, opts),
  };

  readonly deviceStates = {
    list: (opts?: AriRequestOptions): Promise<DeviceState[]> =>
      this.request('GET', '/deviceStates', {}, z.array(DeviceStateSchema), opts),
    get: (deviceName: string, opts?: AriRequestOptions): Promise<DeviceState> =>
      this.request('GET', `/deviceStates/${seg(deviceName)}`, {}, DeviceStateSchema, opts),
    /** Only `Stasis:<name>` devices are writable; other names answer 409. */
    update: (deviceName: string, state: DeviceStateValue, opts?: AriRequestOptions): Promise<void> =>
      this.requestVoid('PUT', `/deviceStates/${seg(deviceName)}`, { query: { deviceState: state } }, opts),
    delete: (deviceName: string, opts?: AriRequestOptions): Promise<void> =>
      this.requestVoid('DELETE', `/deviceStates/${seg(deviceName)}`, {}, opts),
  };

  readonly applications = {
    list: (opts?: AriRequestOptions): Promise<Application[]> =>
      this.request('GET', '/applications', {}, z.array(ApplicationSchema), opts),
    get: (app: string, opts?: AriRequestOptions): Promise<Application> =>
      this.request('GET', `/applications/${seg(app)}`, {}, ApplicationSchema, opts),
    /**
     * E.g. `channel:<id>`: needed to get ChannelDestroyed after StasisEnd for channels that came
     * from the dialplan.
     */
    subscribe: (
      app: string,
      eventSource: string | readonly string[],
      opts?: AriRequestOptions,
    ): Promise<void> =>
      // The answer lists every channel and bridge of the app (hundreds under load): not read.
      this.requestVoid(
        'POST',
        `/applications/${seg(app)}/subscription`,
        { query: { eventSource: joinList(eventSource) } },
        opts,
      ),
    unsubscribe: (
      app: string,
      eventSource: string | readonly string[],
      opts?: AriRequestOptions,
    ): Promise<void> =>
      this.requestVoid(
        'DELETE',
        `/applications/${seg(app)}/subscription`,
        { query: { eventSource: joinList(eventSource) } },
        opts,
      ),
  };

  /** Escape hatch for ARI operations without a typed method; `path` is below `/ari`. */
  request<T>(
    method: string,
    path: string,
    req: AriRawRequest,
    schema: z.ZodType<T>,
    opts?: AriRequestOptions,
  ): Promise<T> {
    return this.#exchange(method, path, req, opts, async (response, fail) => {
      const text = await response.text();
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        throw fail('invalid_response', `not JSON: ${text.slice(0, 100)}`);
      }
      const parsed = schema.safeParse(json);
      if (!parsed.success) {
        const issues = parsed.error.issues
          .slice(0, 3)
          .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
          .join(', ');
        throw fail('invalid_response', issues);
      }
      return parsed.data;
    });
  }

  requestVoid(method: string, path: string, req: AriRawRequest, opts?: AriRequestOptions): Promise<void> {
    // Drain the body so the keep-alive connection can be reused.
    return this.#exchange(method, path, req, opts, (response) => response.arrayBuffer().then(nothing));
  }

  #requestBytes(method: string, path: string, opts?: AriRequestOptions): Promise<StoredRecordingFile> {
    return this.#exchange(method, path, {}, opts, async (response) => ({
      bytes: new Uint8Array(await response.arrayBuffer()),
      contentType: response.headers.get('content-type') ?? 'application/octet-stream',
    }));
  }

  /**
   * One request under one deadline: the timeout covers reading the body too, and every failure
   * leaves as an AriError.
   */
  #exchange<R>(
    method: string,
    path: string,
    req: AriRawRequest,
    opts: AriRequestOptions | undefined,
    read: (response: Response, fail: (kind: AriErrorKind, detail: string) => AriError) => Promise<R>,
  ): Promise<R> {
    const timeoutMs = opts?.timeoutMs ?? this.#timeoutMs;
    const startedAt = performance.now();
    const ended = (result: 'ok' | AriErrorKind) =>
      this.#observer?.requestEnded(method, result, (performance.now() - startedAt) / 1000);
    // fetch given a signal registers an abort listener, a WeakRef and a finalizer for every request
    // (about an eighth of a request's CPU, measured), so the deadline is a timer instead. A request
    // past it is left to finish or fail on its own; if its answer still comes, its body is discarded
    // so the connection returns to the pool.
    const deadline = { passed: false };
    return new Promise<R>((resolve, reject) => {
      const timer = setTimeout(() => {
        deadline.passed = true;
        ended('timeout');
        reject(this.#error(method, path, 'timeout', { detail: `after ${timeoutMs} ms` }));
      }, timeoutMs);
      this.#attempt(method, path, req, opts?.signal, deadline, read).then(
        (value) => {
          if (deadline.passed) return;
          clearTimeout(timer);
          ended('ok');
          resolve(value);
        },
        (error: unknown) => {
          if (deadline.passed) return;
          clearTimeout(timer);
          ended(error instanceof AriError ? error.kind : 'ok');
          reject(error);
        },
      );
    });
  }

  async #attempt<R>(
    method: string,
    path: string,
    req: AriRawRequest,
    signal: AbortSignal | undefined,
    /** Set by #exchange when it has given up on this request. */
    deadline: { readonly passed: boolean },
    read: (response: Response, fail: (kind: AriErrorKind, detail: string) => AriError) => Promise<R>,
  ): Promise<R> {
    try {
      const response = await this.#fetch(`${this.baseUrl}/ari${path}${buildQuery(req.query)}`, {
        method,
        headers: req.body === undefined ? this.#headers : this.#jsonHeaders,
        body: req.body === undefined ? undefined : JSON.stringify(req.body),
        signal,
      });
      if (deadline.passed) {
        await response.body?.cancel().catch(() => undefined);
        throw this.#error(method, path, 'timeout', { status: response.status, detail: 'answered too late' });
      }
      if (!response.ok) {
        const text = await response.text().catch(() => '');
        throw this.#error(method, path, AriError.kindForStatus(response.status), {
          status: response.status,
          ariMessage: extractAriMessage(text),
        });
      }
      return await read(response, (kind, detail) =>
        this.#error(method, path, kind, { status: response.status, detail }),
      );
    } catch (err) {
      if (err instanceof AriError) throw err;
      throw signal?.aborted
        ? this.#error(method, path, 'aborted', { cause: err })
        : this.#error(method, path, 'unreachable', { detail: networkDetail(err), cause: err });
    }
  }

  #error(
    method: string,
    path: string,
    kind: AriErrorKind,
    details: { status?: number; detail?: string; ariMessage?: string; cause?: unknown },
  ): AriError {
    return new AriError({ method, path, kind, ...details });
  }
}

function extractAriMessage(text: string): string | undefined {
  if (text === '') return undefined;
  try {
    const json: unknown = JSON.parse(text);
    if (json && typeof json === 'object') {
      // Most ARI errors use `message`; the authentication failure uses `error`.
      if ('message' in json && typeof json.message === 'string') return json.message;
      if ('error' in json && typeof json.error === 'string') return json.error;
    }
  } catch {
    // not JSON: fall through to the raw text
  }
  return text.slice(0, 200);
}
