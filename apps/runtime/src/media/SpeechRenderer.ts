import { randomBytes } from 'node:crypto';
import { stepErrors } from '@callflow/flow';
import { CallEndedError, type SpeechRequest, StepFailure } from '@callflow/flow/runtime';
import { AudioCache } from './AudioCache.ts';
import { RenderSlots } from './RenderSlots.ts';

/** Where a spoken text came from (the `source` label of its metric). */
export type SpeechSource = 'pinned' | 'cache' | 'rendered' | 'failed';

export interface SpeechRendererOptions {
  /** The cache key of a request with this installation's engine (speechKey(engine.id, request)). */
  keyOf(request: SpeechRequest): string;
  /** Speaks and converts (renderSpeech with the engine): the 8 kHz WAV Asterisk plays. */
  render(request: SpeechRequest, signal: AbortSignal): Promise<{ narrowband: Buffer }>;
  /** Bytes of rendered speech kept in memory. */
  cacheBytes: number;
  /** Longest a rendering may take, waiting for a slot included. */
  timeoutMs: number;
  /** Renderings at once. */
  concurrency: number;
  counted(source: SpeechSource): void;
}

interface Rendering {
  readonly done: Promise<string>;
  readonly controller: AbortController;
  waiters: number;
}

class RenderTimeout extends Error {}

/**
 * Text spoken during calls (say prompts with variables, or static ones a version did not pin): each
 * distinct request is rendered once and kept in a bounded in-memory cache, from which the media
 * listener serves it under a random 64-hex id. The id is not derived from the text or the audio, so
 * nobody can find out what was said to a caller by guessing texts. Calls asking for the same text at
 * once share one rendering; it is cancelled when every call waiting for it has hung up, and leaves
 * nothing behind.
 */
export class SpeechRenderer {
  readonly #options: SpeechRendererOptions;
  /** Audio by id. */
  readonly #audio: AudioCache;
  /** Id by speech key, and speech key by id, for the ids still in #audio. */
  readonly #ids = new Map<string, string>();
  readonly #keys = new Map<string, string>();
  readonly #rendering = new Map<string, Rendering>();
  readonly #slots: RenderSlots;

  constructor(options: SpeechRendererOptions) {
    this.#options = options;
    this.#slots = new RenderSlots(options.concurrency);
    this.#audio = new AudioCache(options.cacheBytes, (id) => {
      const key = this.#keys.get(id);
      this.#keys.delete(id);
      if (key !== undefined && this.#ids.get(key) === id) this.#ids.delete(key);
    });
  }

  /** A rendering's WAV by id, for the media listener. */
  get(id: string): Buffer | undefined {
    return this.#audio.get(id);
  }

  /**
   * The id of `request` spoken: from the cache, else rendered now (bounded by the timeout). Throws a
   * StepFailure when the engine fails or is too slow, and CallEndedError when `hangup` (the call's
   * channel hanging up) aborts the wait.
   */
  async idOf(request: SpeechRequest, hangup: { signal: AbortSignal; channelId: string }): Promise<string> {
    if (hangup.signal.aborted) throw new CallEndedError(hangup.channelId);
    const key = this.#options.keyOf(request);
    const cached = this.#ids.get(key);
    if (cached !== undefined && this.#audio.get(cached) !== undefined) {
      this.#options.counted('cache');
      return cached;
    }
    let rendering = this.#rendering.get(key);
    if (rendering === undefined) {
      rendering = this.#start(key, request);
      this.#rendering.set(key, rendering);
    }
    return this.#wait(rendering, hangup);
  }

  /** Rendered speech in memory now. */
  get cached(): { files: number; bytes: number } {
    return { files: this.#audio.count, bytes: this.#audio.bytes };
  }

  #start(key: string, request: SpeechRequest): Rendering {
    const controller = new AbortController();
    const { timeoutMs } = this.#options;
    // A cancelled rendering is forgotten at once, not when its engine has exited: a call asking for the
    // same text meanwhile starts a new one instead of sharing the cancellation.
    controller.signal.addEventListener('abort', () => this.#forget(key, controller), { once: true });
    const timer = setTimeout(() => controller.abort(new RenderTimeout()), timeoutMs);
    const done = (async () => {
      const release = await this.#slots.acquire(controller.signal);
      try {
        const { narrowband } = await this.#options.render(request, controller.signal);
        controller.signal.throwIfAborted();
        const id = randomBytes(32).toString('hex');
        if (!this.#audio.set(id, narrowband))
          throw new StepFailure('the spoken text is longer than the speech cache can hold');
        this.#ids.set(key, id);
        this.#keys.set(id, key);
        this.#options.counted('rendered');
        return id;
      } finally {
        release();
      }
    })()
      .catch((error: unknown) => {
        if (controller.signal.reason instanceof RenderTimeout) {
          this.#options.counted('failed');
          throw new StepFailure(stepErrors.speechTooSlow.says(timeoutMs));
        }
        // Every call waiting had hung up (and was told so); nobody can have joined since.
        if (controller.signal.aborted) throw new StepFailure(stepErrors.speechCancelled.says());
        this.#options.counted('failed');
        if (error instanceof StepFailure) throw error;
        const reason = error instanceof Error ? error.message : String(error);
        throw new StepFailure(stepErrors.speechFailed.says(reason), { cause: error });
      })
      .finally(() => {
        clearTimeout(timer);
        this.#forget(key, controller);
      });
    // Waiters that leave must not leave the rendering's rejection unhandled.
    done.catch(() => {});
    return { done, controller, waiters: 0 };
  }

  /** Drops the rendering of `key` from those calls can join, if it is still the one `controller` cancels. */
  #forget(key: string, controller: AbortController): void {
    if (this.#rendering.get(key)?.controller === controller) this.#rendering.delete(key);
  }

  /** Waits for `rendering` until the call hangs up; the last waiter to leave cancels it. */
  async #wait(rendering: Rendering, hangup: { signal: AbortSignal; channelId: string }): Promise<string> {
    const { signal, channelId } = hangup;
    rendering.waiters++;
    let onAbort = () => {};
    const hungUp = new Promise<never>((_, reject) => {
      onAbort = () => reject(new CallEndedError(channelId));
      signal.addEventListener('abort', onAbort, { once: true });
    });
    try {
      return await Promise.race([rendering.done, hungUp]);
    } finally {
      signal.removeEventListener('abort', onAbort);
      if (--rendering.waiters === 0 && signal.aborted) rendering.controller.abort('every caller hung up');
    }
  }
}
