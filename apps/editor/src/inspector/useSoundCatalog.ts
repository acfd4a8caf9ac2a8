import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/ApiError.ts';
import { asError } from '../api/asError.ts';
import { type Sound, soundsApi } from '../api/soundsApi.ts';

export type SoundCatalog =
  | { readonly status: 'idle' | 'loading' }
  | { readonly status: 'ready'; readonly sounds: readonly Sound[] }
  /** The list cannot be had: pickers fall back to a plain text input showing `reason`. */
  | { readonly status: 'unavailable'; readonly reason: string };

/**
 * The sounds of the connected Asterisk, loaded once when the first sound picker asks (`load`), so an
 * inspector without prompts sends no request and many prompts share one answer.
 */
export function useSoundCatalog(): { readonly catalog: SoundCatalog; readonly load: () => void } {
  const [catalog, setCatalog] = useState<SoundCatalog>({ status: 'idle' });
  const controller = useRef<AbortController | null>(null);

  useEffect(() => () => controller.current?.abort(), []);

  const load = useCallback(() => {
    if (controller.current !== null) return;
    const current = new AbortController();
    controller.current = current;
    setCatalog({ status: 'loading' });
    soundsApi.list(current.signal).then(
      (sounds) => {
        if (!current.signal.aborted) setCatalog({ status: 'ready', sounds });
      },
      (error: unknown) => {
        if (!current.signal.aborted) setCatalog({ status: 'unavailable', reason: unavailableReason(error) });
      },
    );
  }, []);

  return { catalog, load };
}

function unavailableReason(error: unknown): string {
  if (error instanceof ApiError && error.status === 503)
    return 'No Asterisk is configured, so its sounds cannot be listed. Type the sound name, e.g. hello-world.';
  if (error instanceof ApiError && (error.status === 502 || error.status === 504))
    return 'Asterisk cannot be reached, so its sounds cannot be listed. Type the sound name, e.g. hello-world.';
  return `The sound list could not be loaded (${asError(error).message}). Type the sound name, e.g. hello-world.`;
}
