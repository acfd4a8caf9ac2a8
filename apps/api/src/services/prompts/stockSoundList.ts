import type { StockSoundListResponse } from '@callflow/contract';
import { ApiError } from '../../http/ApiError.ts';
import type { ApiServices } from '../../http/ApiServices.ts';

/** Lower-case words, so "Hello World" finds "hello-world" and "...please say hello to the world". */
function words(text: string): string[] {
  return text
    .toLocaleLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '');
}

function unavailable(services: ApiServices, error: unknown): ApiError {
  // The setting and the reason are for the operator's log; the editor shows the answer to its user.
  services.log('warn', "cannot read Asterisk's sounds folder", {
    setting: 'CALLFLOW_ASTERISK_SOUNDS_DIR',
    reason: error instanceof Error ? error.message : String(error),
  });
  return new ApiError(
    503,
    'sounds_unavailable',
    "The server cannot read Asterisk's sounds folder; ask your administrator.",
  );
}

/**
 * Asterisk's own sounds by name then language, those of `language` when given, those whose name or
 * text hold every word of `search` (a word matches the start of one of theirs); the first `limit`.
 */
export async function stockSoundList(
  services: ApiServices,
  query: {
    readonly search?: string | undefined;
    readonly language?: string | undefined;
    readonly limit: number;
  },
): Promise<StockSoundListResponse> {
  const sounds = await services.prompts.stockSounds.list().catch((error: unknown) => {
    throw unavailable(services, error);
  });
  const wanted = words(query.search ?? '');
  const matching = sounds
    .filter((sound) => query.language === undefined || sound.language === query.language)
    .filter((sound) => {
      if (wanted.length === 0) return true;
      const theirs = [...words(sound.name), ...words(sound.text ?? '')];
      return wanted.every((word) => theirs.some((their) => their.startsWith(word)));
    })
    .sort((a, b) => a.name.localeCompare(b.name) || a.language.localeCompare(b.language));
  return {
    items: matching.slice(0, query.limit).map((sound) => ({
      name: sound.name,
      language: sound.language,
      text: sound.text,
      durationMs: sound.durationMs,
      format: sound.format,
    })),
    total: matching.length,
  };
}

/** One stock sound as a WAV, to listen to; 404 when Asterisk has no such sound in that language. */
export async function stockSoundFile(services: ApiServices, name: string, language: string): Promise<Buffer> {
  const sounds = await services.prompts.stockSounds.list().catch((error: unknown) => {
    throw unavailable(services, error);
  });
  if (!sounds.some((sound) => sound.name === name && sound.language === language))
    throw ApiError.notFound(`the sound ${name} in language ${language}`);
  const { stockSounds, work } = services.prompts;
  return work.run(() => stockSounds.audio(name, language));
}
