import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/ApiError.ts';

export interface Action<Args extends unknown[]> {
  /** Runs the action unless it is already running. */
  readonly run: (...args: Args) => void;
  readonly busy: boolean;
  /** What the last attempt failed with; cleared when the next one starts. */
  readonly error: ApiError | null;
}

/**
 * Something a person starts that asks the API (save, upload, delete): busy while it runs, never
 * twice at once, its failure kept to show beside it. A part that goes away on success (a dialog) is
 * not updated afterwards.
 */
export function useAction<Args extends unknown[]>(action: (...args: Args) => Promise<void>): Action<Args> {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const running = useRef(false);
  const mounted = useRef(false);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const run = (...args: Args) => {
    // A second click (or Enter) before the state update disables the button must not run it twice.
    if (running.current) return;
    running.current = true;
    setBusy(true);
    setError(null);
    action(...args)
      .catch((caught: unknown) => {
        if (mounted.current) setError(ApiError.from(caught));
      })
      .finally(() => {
        running.current = false;
        if (mounted.current) setBusy(false);
      });
  };
  return { run, busy, error };
}
