import type { StockSound } from '@callflow/contract';
import { useEffect, useState } from 'react';
import { ApiError } from '../api/ApiError.ts';
import type { Sound } from '../api/soundsApi.ts';
import { formatClipLength } from '../audio/formatClipLength.ts';
import { promptsApi } from '../prompts/promptsApi.ts';
import { useDebouncedValue } from '../shell/useDebouncedValue.ts';
import { useInspector } from './InspectorContext.ts';

/** One sound a picker offers: its name, what it says, and a short note (its length, or its languages). */
export interface SoundOption {
  readonly name: string;
  readonly text: string | null;
  readonly note: string;
  /** The language it is heard in when played here (null: Asterisk's list, not playable here). */
  readonly language: string | null;
}

export type SoundOptions =
  | { readonly status: 'loading' }
  | {
      readonly status: 'ready';
      /** The text these options answer (the search runs behind the typing). */
      readonly query: string;
      readonly options: readonly SoundOption[];
      /** How many more match than are offered. */
      readonly more: number;
      /** The API has the sounds' files: they can be previewed, and lengths are known. */
      readonly playable: boolean;
    }
  | { readonly status: 'unavailable'; readonly reason: string };

/** How many sounds a picker lists at once; typing narrows the rest. */
export const shownAtOnce = 50;

/** The sounds found, once per name (a search in every language finds a name once per language). */
function stockOptions(sounds: readonly StockSound[], language: string): SoundOption[] {
  const byName = new Map<string, SoundOption>();
  for (const sound of sounds) {
    if (byName.has(sound.name)) continue;
    const length = sound.durationMs === null ? '' : formatClipLength(sound.durationMs);
    // A sound only in another language says which: Asterisk plays it when the caller's is missing.
    const note = sound.language === language ? length : [length, sound.language].filter(Boolean).join(' · ');
    byName.set(sound.name, { name: sound.name, text: sound.text, note, language: sound.language });
  }
  return [...byName.values()];
}

/** Sounds whose name or text holds every word typed; names that start with the text come first. */
function matchingSounds(sounds: readonly Sound[], query: string): Sound[] {
  const text = query.trim().toLowerCase();
  const words = text.split(/\s+/).filter((word) => word !== '');
  const matching = sounds.filter((sound) => {
    const haystack = `${sound.name} ${sound.text ?? ''}`.toLowerCase();
    return words.every((word) => haystack.includes(word));
  });
  const rank = (sound: Sound) => (sound.name.startsWith(text) ? 0 : sound.name.includes(text) ? 1 : 2);
  return matching.sort((a, b) => rank(a) - rank(b));
}

/**
 * The sounds a picker offers for what is typed. First Asterisk's sounds folder as the API reads it
 * (searched there by name and by what they say, with their lengths, in the node's language, and
 * playable in the browser); when the API cannot read that folder (503), the list Asterisk itself gives
 * through ARI (names, texts and languages, searched here).
 */
export function useSoundOptions(typed: string, enabled: boolean): SoundOptions {
  const { sounds, loadSounds, nodeLanguage } = useInspector();
  const query = useDebouncedValue(typed.trim(), 200);
  const [stock, setStock] = useState<SoundOptions | null>({ status: 'loading' });
  const useAri = stock === null;

  useEffect(() => {
    if (!enabled || useAri) return;
    const controller = new AbortController();
    const search = (language?: string) =>
      promptsApi.stockSounds({ search: query, language, limit: shownAtOnce }, controller.signal);
    // The node's language first; when it has none of these sounds, every language's.
    search(nodeLanguage)
      .then((answer) => (answer.total > 0 ? answer : search()))
      .then(
        (answer) =>
          setStock({
            status: 'ready',
            query,
            options: stockOptions(answer.items, nodeLanguage),
            more: Math.max(0, answer.total - answer.items.length),
            playable: true,
          }),
        (error: unknown) => {
          if (controller.signal.aborted) return;
          // The API has no sounds folder to read: Asterisk's own list (through ARI) is next.
          if (error instanceof ApiError && error.status === 503) setStock(null);
          else
            setStock({
              status: 'unavailable',
              reason: `The sound list could not be loaded (${ApiError.from(error).message}). Type the sound name, e.g. hello-world.`,
            });
        },
      );
    return () => controller.abort();
  }, [enabled, useAri, query, nodeLanguage]);

  useEffect(() => {
    if (enabled && useAri) loadSounds();
  }, [enabled, useAri, loadSounds]);

  if (!useAri) return stock;
  if (sounds.status === 'unavailable') return sounds;
  if (sounds.status !== 'ready') return { status: 'loading' };
  const matches = matchingSounds(sounds.sounds, typed);
  return {
    status: 'ready',
    query: typed.trim(),
    options: matches.slice(0, shownAtOnce).map((sound) => ({
      name: sound.name,
      text: sound.text,
      note: sound.languages.join(' '),
      language: null,
    })),
    more: Math.max(0, matches.length - shownAtOnce),
    playable: false,
  };
}
