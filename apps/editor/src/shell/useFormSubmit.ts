import type { FormEvent } from 'react';
import type { ApiError } from '../api/ApiError.ts';
import { useAction } from './useAction.ts';

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
  const { run, busy, error } = useAction(action);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    run();
  };
  return { submit, busy, error };
}
