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
  type LiveRecording,
  LiveRecordingSchema,
  type StoredRecording,
  StoredRecordingSchema,
} from './ariModels.ts';
import type {
  AddChannelParams,
  AriClientOptions,
  AriRawRequest,
  AriRequestObserver,
  AriRequestOptions,
  ContinueParams,
  CreateBridgeParams,
  CreateChannelParams,
  DeviceStateValue,
  DialParams,
  HangupParams,
  PlayParams,
  RecordParams,
  StoredRecordingFile,
} from './ariRequestParams.ts';
import {
  ariBaseUrl,
  buildQuery,
  extractAriMessage,
  joinList,
  networkDetail,
  playQuery,
  readAnswer,
} from './ariRequestText.ts';

const DEFAULT_TIMEOUT_MS = 10_000;

const seg = (value: string): string => encodeURIComponent(value);
// One function for every drained body, not a new closure per request.
const nothing = (): void => undefined;

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
  readonly #password: string;
  readonly #fetch: typeof globalThis.fetch;
  readonly #timeoutMs: number;
  readonly #observer: AriRequestObserver | undefined;
  readonly #headers: Record<string, string>;
  readonly #jsonHeaders: Record<string, string>;

  constructor(options: AriClientOptions) {
    this.baseUrl = ariBaseUrl(options.url);
    this.username = options.username;
    this.#password = options.password;
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
    startMoh: (channelId: string, mohClass?: string, opts?: AriRequestOptions): Promise<void> =>
      this.requestVoid('POST', `/channels/${seg(channelId)}/moh`, { query: { mohClass } }, opts),
    stopMoh: (channelId: string, opts?: AriRequestOptions): Promise<void> =>
      this.requestVoid('DELETE', `/channels/${seg(channelId)}/moh`, {}, opts),
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
  };

  readonly playbacks = {
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
  };

  readonly deviceStates = {
    /** Only `Stasis:<name>` devices are writable; other names answer 409. */
    update: (deviceName: string, state: DeviceStateValue, opts?: AriRequestOptions): Promise<void> =>
      this.requestVoid('PUT', `/deviceStates/${seg(deviceName)}`, { query: { deviceState: state } }, opts),
  };

  readonly applications = {
    get: (app: string, opts?: AriRequestOptions): Promise<Application> =>
      this.request('GET', `/applications/${seg(app)}`, {}, ApplicationSchema, opts),
  };

  /**
   * The WebSocket URL that delivers `app`'s events (credentials in `api_key`, as Asterisk takes them
   * on the upgrade); `forLog` masks the password.
   */
  eventsUrl(app: string, subscribeAll: boolean, forLog = false): string {
    const wsBase = this.baseUrl.replace(/^http(s?):/i, 'ws$1:');
    const apiKey = forLog
      ? `${encodeURIComponent(this.username)}:***`
      : encodeURIComponent(`${this.username}:${this.#password}`);
    return `${wsBase}/ari/events?app=${encodeURIComponent(app)}&subscribeAll=${subscribeAll}&api_key=${apiKey}`;
  }

  /** `text` without the password or the events URL's api_key (which holds it), so it can be logged. */
  scrubSecrets(text: string): string {
    let scrubbed = text.replace(/api_key=[^&\s]*/gi, 'api_key=***');
    for (const secret of new Set([this.#password, encodeURIComponent(this.#password)]))
      if (secret.length > 0) scrubbed = scrubbed.split(secret).join('***');
    return scrubbed;
  }

  /** Escape hatch for ARI operations without a typed method; `path` is below `/ari`. */
  request<T>(
    method: string,
    path: string,
    req: AriRawRequest,
    schema: z.ZodType<T>,
    opts?: AriRequestOptions,
  ): Promise<T> {
    return this.#exchange(method, path, req, opts, (response, fail) => readAnswer(response, schema, fail));
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
        reject(new AriError({ method, path, kind: 'timeout', detail: `after ${timeoutMs} ms` }));
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
        throw new AriError({
          method,
          path,
          kind: 'timeout',
          status: response.status,
          detail: 'answered too late',
        });
      }
      if (!response.ok) {
        const text = await response.text().catch(() => '');
        throw new AriError({
          method,
          path,
          kind: AriError.kindForStatus(response.status),
          status: response.status,
          ariMessage: extractAriMessage(text),
        });
      }
      return await read(
        response,
        (kind, detail) => new AriError({ method, path, kind, status: response.status, detail }),
      );
    } catch (err) {
      if (err instanceof AriError) throw err;
      throw signal?.aborted
        ? new AriError({ method, path, kind: 'aborted', cause: err })
        : new AriError({ method, path, kind: 'unreachable', detail: networkDetail(err), cause: err });
    }
  }
}
