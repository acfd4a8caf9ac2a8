import {
  renderSpeech,
  type SpeechEngine,
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

/** How often a transaction is re-run for renderings (a draft saved again meanwhile may need new ones). */
const ATTEMPTS = 3;

function shortText(text: string): string {
  return text.length <= 60 ? text : `${text.slice(0, 57)}...`;
}

async function render(engine: SpeechEngine, request: SpeechRequest): Promise<AudioToStore> {
  try {
    return await renderSpeech(engine, request);
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).replace(/\.$/, '');
    throw new CatalogError(
      `text-to-speech could not speak "${shortText(request.text)}" (${request.language}): ${reason}; no version was made`,
      { code: 'speech_failed', text: request.text, language: request.language },
    );
  }
}

/**
 * Runs `change` (a catalog transaction that makes a version) with the static speech renderings it asks
 * for: a transaction that finds some missing throws SpeechNotRendered, which rolls it back; they are
 * rendered here, outside any transaction, and the change runs again. A rendering that fails refuses
 * the change (speech_failed).
 */
export async function withStaticSpeech<T>(
  engine: SpeechEngine | undefined,
  change: (speech: StaticSpeech) => Promise<T>,
): Promise<T> {
  let chosen = engine;
  const rendered = new Map<string, AudioToStore>();
  const speech: StaticSpeech = {
    engine: () => {
      chosen ??= speechEngineFromEnv(process.env);
      return chosen;
    },
    rendered,
  };
  for (let attempt = 1; ; attempt++) {
    try {
      return await change(speech);
    } catch (error) {
      if (!(error instanceof SpeechNotRendered) || attempt >= ATTEMPTS) throw error;
      for (const request of error.requests)
        rendered.set(speechKey(speech.engine().id, request), await render(speech.engine(), request));
    }
  }
}
