import { type FormEvent, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/ApiError.ts';

export interface FormSubmit {
  /** The form's onSubmit: runs the action unless it is already running. */
  readonly submit: (event: FormEvent) => void;
  readonly busy: boolean;
  /** What the last attempt failed with; cleared when the next one starts. */
  readonly error: ApiError | null;
}

/**
 * Submitting a form to the API: busy while the action runs, its failure kept to show beside the
 * fields. A form that goes away on success (login, a dialog) is not updated afterwards.
 */
export function useFormSubmit(action: () => Promise<void>): FormSubmit {
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

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // A second Enter before the state update disables the button must not send the form twice.
    if (running.current) return;
    running.current = true;
    setBusy(true);
    setError(null);
    action()
      .catch((caught: unknown) => {
        if (mounted.current) setError(ApiError.from(caught));
      })
      .finally(() => {
        running.current = false;
        if (mounted.current) setBusy(false);
      });
  };
  return { submit, busy, error };
}
