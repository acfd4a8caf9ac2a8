import { z } from 'zod';
import { maxAudioUploadBytes } from './audioLimits.ts';
import { readBoundedBody } from './readBoundedBody.ts';
import {
  type SpeechEngine,
  type SpeechRequest,
  type SpeechVoice,
  speechLanguagePattern,
  speechRequestSchema,
  speechVoicePattern,
} from './SpeechEngine.ts';
import { SpeechFailed } from './SpeechFailed.ts';

export interface HttpSpeechEngineOptions {
  /** Where to POST `{ text, language, voice }` as JSON; the answer is the audio. */
  readonly url: string;
  /** Sent with every request (an Authorization header): never logged, never part of an error. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  /** Where the engine lists its voices (GET, a JSON array of `{ id, name, language }`); none without. */
  readonly voicesUrl?: string;
}

const voiceListSchema = z
  .array(
    z.object({
      id: z.string().regex(speechVoicePattern),
      name: z.string().min(1).max(200),
      language: z.string().regex(speechLanguagePattern),
    }),
  )
  .max(5000);

const maxVoiceListBytes = 1024 * 1024;

/**
 * Any text-to-speech server an installation plugs in by configuration. Every exchange is bounded in
 * time and size, redirects are refused (the credentials stay with the configured host), and errors
 * name the host only: never the path or query (which may hold a key) nor the headers.
 */
export class HttpSpeechEngine implements SpeechEngine {
  readonly id: string;
  readonly #url: URL;
  readonly #voicesUrl: URL | undefined;
  readonly #host: string;
  readonly #headers: Readonly<Record<string, string>>;
  readonly #timeoutMs: number;

  constructor(options: HttpSpeechEngineOptions) {
    this.#url = engineUrl(options.url, 'The speech engine address');
    this.#voicesUrl =
      options.voicesUrl === undefined ? undefined : engineUrl(options.voicesUrl, 'The voice list address');
    this.#host = this.#url.host;
    this.id = `http:${this.#host}`;
    this.#headers = options.headers ?? {};
    this.#timeoutMs = options.timeoutMs;
  }

  async voices(): Promise<SpeechVoice[]> {
    if (!this.#voicesUrl) return [];
    const body = await this.#exchange(
      this.#voicesUrl,
      { method: 'GET' },
      maxVoiceListBytes,
      undefined,
      'application/json',
    );
    let parsed: z.ZodSafeParseResult<SpeechVoice[]>;
    try {
      parsed = voiceListSchema.safeParse(JSON.parse(body.toString('utf8')));
    } catch {
      throw this.#failed('bad_answer', 'answered the voice list with something that is not JSON');
    }
    if (!parsed.success)
      throw this.#failed('bad_answer', 'answered the voice list in a shape we cannot read');
    return parsed.data;
  }

  async render(request: SpeechRequest, signal?: AbortSignal): Promise<Uint8Array> {
    const parsed = speechRequestSchema.safeParse(request);
    if (!parsed.success) throw SpeechFailed.invalidRequest(this.id, parsed.error);
    const { text, language, voice } = parsed.data;
    const init = { method: 'POST', body: JSON.stringify({ text, language, voice }) };
    const audio = await this.#exchange(this.#url, init, maxAudioUploadBytes, signal, 'audio/*');
    if (audio.length === 0) throw this.#failed('bad_answer', 'answered with no audio');
    return audio;
  }

  async #exchange(
    url: URL,
    init: { method: string; body?: string },
    maxBytes: number,
    signal: AbortSignal | undefined,
    accept: string,
  ): Promise<Buffer> {
    if (signal?.aborted) throw this.#failed('aborted', 'was not asked: speech was cancelled');
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.#timeoutMs);
    const onAbort = () => controller.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const headers = {
        ...this.#headers,
        accept,
        ...(init.body ? { 'content-type': 'application/json' } : {}),
      };
      // A redirect is answered as it is (HTTP 3xx, an error): following it could carry the headers elsewhere.
      const response = await fetch(url, { ...init, headers, redirect: 'manual', signal: controller.signal });
      if (!response.ok) {
        await response.body?.cancel();
        throw this.#failed('bad_answer', `answered HTTP ${response.status}`);
      }
      this.#checkContentType(response.headers.get('content-type'), accept);
      const body = await readBoundedBody(response, maxBytes);
      if (body === null) throw this.#failed('bad_answer', `sent more than ${maxBytes / (1024 * 1024)} MB`);
      return body;
    } catch (error) {
      if (error instanceof SpeechFailed) throw error;
      if (timedOut) throw this.#failed('timeout', `did not answer within ${this.#timeoutMs / 1000} s`);
      if (signal?.aborted) throw this.#failed('aborted', 'was not waited for: speech was cancelled');
      throw this.#failed('unavailable', `could not be reached${networkCode(error)}`);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  #checkContentType(contentType: string | null, accept: string): void {
    const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (accept === 'application/json') {
      if (type !== 'application/json')
        throw this.#failed('bad_answer', 'answered the voice list with something that is not JSON');
      return;
    }
    if (type === '' || type.startsWith('audio/') || type === 'application/octet-stream') return;
    if (type === 'text/html') throw this.#failed('bad_answer', 'answered with a web page instead of audio');
    if (type.startsWith('text/') || type.endsWith('json') || type.endsWith('xml')) {
      throw this.#failed('bad_answer', 'answered with text instead of audio');
    }
    throw this.#failed('bad_answer', `answered with ${type} instead of audio`);
  }

  #failed(reason: SpeechFailed['reason'], what: string): SpeechFailed {
    return new SpeechFailed(this.id, reason, `The speech engine at ${this.#host} ${what}.`);
  }
}

/** An http(s) address without credentials in it (they belong in a header, which errors never show). */
function engineUrl(value: string, what: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${what} is not a URL.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new Error(`${what} must start with http:// or https://.`);
  if (url.username || url.password) {
    throw new Error(`${what} must not contain a user name or password: use CALLFLOW_TTS_AUTHORIZATION.`);
  }
  return url;
}

/** ECONNREFUSED, ENOTFOUND...: says what happened without echoing anything the server sent. */
function networkCode(error: unknown): string {
  const cause = error instanceof Error ? error.cause : undefined;
  const code =
    cause instanceof Error && 'code' in cause && typeof cause.code === 'string' ? cause.code : undefined;
  return code && /^[A-Z_]{3,40}$/.test(code) ? ` (${code})` : '';
}
