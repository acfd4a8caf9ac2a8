import {
  renderSpeech,
  type SpeechEngine,
  SpeechFailed,
  type SpeechRequest,
  speechEngineFromEnv,
  speechKey,
} from '@callflow/media';
import { CatalogError } from '../CatalogError.ts';
import type { AudioToStore } from './storeAudio.ts';

/**
 * The static text-to-speech renderings a version being made may pin: rendered before its transaction
 * (a transaction awaits nothing but its queries), kept here by speech key until it stores them.
 */
export interface StaticSpeech {
  /** The engine (built from the environment on first use when the caller gave none). */
  engine(): SpeechEngine;
  /** Renderings made for this change, by speechKey(engine id, request). */
  readonly rendered: ReadonlyMap<string, AudioToStore>;
}

/**
 * Thrown inside a catalog transaction that needs renderings it does not have (and no earlier version
 * pinned): withStaticSpeech renders them and runs the transaction again.
 */
export class SpeechNotRendered extends Error {
  override name = 'SpeechNotRendered';
  constructor(readonly requests: readonly SpeechRequest[]) {
    super(`${requests.length} text(s) to speak are not rendered yet`);
  }
}

/**
 * How a change renders its static speech: the engine (by default the one the environment configures),
 * a signal for a caller that gave up (the API's: the client left), where each rendering runs (the
 * API's audio job limit; by default at once), and the bounds of the whole pass.
 */
export interface StaticSpeechOptions {
  readonly speech?: SpeechEngine | undefined;
  readonly signal?: AbortSignal | undefined;
  readonly runRendering?: RunRendering | undefined;
  /** Distinct texts one change may render (default 200) and its deadline for all of them (60 s). */
  readonly limits?: { readonly texts?: number; readonly deadlineMs?: number } | undefined;
}

/** Runs one rendering, e.g. in a bounded queue of audio jobs, giving up on it when `signal` aborts. */
export type RunRendering = (
  render: () => Promise<AudioToStore>,
  signal: AbortSignal,
) => Promise<AudioToStore>;

/** How often a transaction is re-run for renderings (a draft saved again meanwhile may need new ones). */
const ATTEMPTS = 3;
/** Enough for any flow a person draws; a bound on the engine time one request can take. */
const MAX_TEXTS = 200;
const DEADLINE_MS = 60_000;

function shortText(text: string): string {
  return text.length <= 60 ? text : `${text.slice(0, 57)}...`;
}

function tooManyTexts(limit: number): CatalogError {
  return new CatalogError(
    `this flow has more than ${limit} different texts to speak, more than one version may hold; use fewer say texts (or library prompts) and try again; no version was made`,
    { code: 'too_much_speech', limit },
  );
}

function unfinished(caller: AbortSignal | undefined, deadlineMs: number): CatalogError {
  if (caller?.aborted)
    return new CatalogError('publishing was cancelled before its speech was ready; no version was made', {
      code: 'cancelled',
    });
  const seconds = Math.ceil(deadlineMs / 1000);
  return new CatalogError(
    `text-to-speech took more than ${seconds} second${seconds === 1 ? '' : 's'} for this flow's texts; try again later; no version was made`,
    { code: 'speech_timeout', seconds },
  );
}

async function render(
  engine: SpeechEngine,
  request: SpeechRequest,
  signal: AbortSignal,
  run: RunRendering,
): Promise<AudioToStore> {
  try {
    return await run(() => renderSpeech(engine, request, signal), signal);
  } catch (error) {
    if (signal.aborted) throw error;
    if (!(error instanceof SpeechFailed)) throw error;
    const reason = error.message.replace(/\.$/, '');
    throw new CatalogError(
      `text-to-speech could not speak "${shortText(request.text)}" (${request.language}): ${reason}; no version was made`,
      { code: 'speech_failed', text: request.text, language: request.language },
    );
  }
}

/**
 * Runs `change` (a catalog transaction that makes a version) with the static speech renderings it asks
 * for: a transaction that finds some missing throws SpeechNotRendered, which rolls it back; they are
 * rendered here, outside any transaction, and the change runs again. Refused: too_much_speech (more
 * distinct texts than the limit, before rendering any of them), speech_failed (a rendering failed),
 * speech_timeout (the pass outlived its deadline), cancelled (the caller's signal), draft_changed (the
 * draft kept asking for new texts while they were rendered).
 */
export async function withStaticSpeech<T>(
  options: StaticSpeechOptions,
  change: (speech: StaticSpeech) => Promise<T>,
): Promise<T> {
  let chosen = options.speech;
  const maxTexts = options.limits?.texts ?? MAX_TEXTS;
  const deadlineMs = options.limits?.deadlineMs ?? DEADLINE_MS;
  const run: RunRendering = options.runRendering ?? ((job) => job());
  const rendered = new Map<string, AudioToStore>();
  const speech: StaticSpeech = {
    engine: () => {
      chosen ??= speechEngineFromEnv(process.env);
      return chosen;
    },
    rendered,
  };
  let signal: AbortSignal | undefined;
  for (let attempt = 1; ; attempt++) {
    let missing: readonly SpeechRequest[];
    try {
      return await change(speech);
    } catch (error) {
      if (!(error instanceof SpeechNotRendered)) throw error;
      missing = error.requests;
    }
    if (attempt >= ATTEMPTS)
      throw new CatalogError('the flow changed while it was being published; try again', {
        code: 'draft_changed',
      });
    const engine = speech.engine();
    const wanted = new Map(missing.map((request) => [speechKey(engine.id, request), request]));
    if (rendered.size + wanted.size > maxTexts) throw tooManyTexts(maxTexts);
    // One deadline for every rendering of this change, started by the first.
    signal ??= AbortSignal.any([
      AbortSignal.timeout(deadlineMs),
      ...(options.signal ? [options.signal] : []),
    ]);
    for (const [key, request] of wanted) {
      if (signal.aborted) throw unfinished(options.signal, deadlineMs);
      try {
        rendered.set(key, await render(engine, request, signal, run));
      } catch (error) {
        if (signal.aborted) throw unfinished(options.signal, deadlineMs);
        throw error;
      }
    }
  }
}
