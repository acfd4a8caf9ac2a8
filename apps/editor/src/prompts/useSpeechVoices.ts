import type { SpeechVoiceListResponse } from '@callflow/contract';
import { useEffect, useState } from 'react';
import { asError } from '../api/asError.ts';
import { promptsApi } from './promptsApi.ts';

export type SpeechVoices =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly engine: string; readonly voices: SpeechVoiceListResponse['voices'] }
  | { readonly status: 'unavailable'; readonly reason: string };

/** One request for the whole page: every speech form and voice picker shares the answer. */
let shared: Promise<SpeechVoiceListResponse> | null = null;

/** Forgets the shared answer (tests start each from nothing). */
export function forgetSpeechVoices(): void {
  shared = null;
}

/**
 * The text-to-speech engine's voices, asked once per page load; a failure is asked again by the next
 * form that opens, since the engine may be back by then.
 */
export function useSpeechVoices(): SpeechVoices {
  const [voices, setVoices] = useState<SpeechVoices>({ status: 'loading' });
  useEffect(() => {
    let current = true;
    shared ??= promptsApi.voices();
    const asked = shared;
    asked.then(
      (answer) => {
        if (current) setVoices({ status: 'ready', engine: answer.engine, voices: answer.voices });
      },
      (error: unknown) => {
        if (shared === asked) shared = null;
        if (current)
          setVoices({
            status: 'unavailable',
            reason: `The voices could not be listed (${asError(error).message}). The language's default voice is used.`,
          });
      },
    );
    return () => {
      current = false;
    };
  }, []);
  return voices;
}

/** The voices of a language: those of `fr_FR` include the plain `fr` ones, and the other way round. */
export function voicesOf(voices: SpeechVoiceListResponse['voices'], language: string) {
  const base = language.split('_')[0] ?? language;
  return voices.filter(
    (voice) =>
      voice.language === language || voice.language === base || voice.language.split('_')[0] === base,
  );
}
