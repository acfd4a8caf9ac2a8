import type { PromptListResponse } from '@callflow/contract';
import { useEffect, useSyncExternalStore } from 'react';
import { asError } from '../api/asError.ts';
import { promptsApi } from './promptsApi.ts';

export type PromptLibrary =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly prompts: PromptListResponse['items'] }
  | { readonly status: 'failed'; readonly reason: string };

/** How long one answer serves every picker that opens: a menu's five prompts ask once. */
const freshForMs = 5_000;

/**
 * One library for the whole page, so the pickers and the problems panel never disagree about which
 * prompts exist: a prompt chosen in a picker is one validation knows.
 */
let library: PromptLibrary = { status: 'loading' };
let askedAt = Number.NEGATIVE_INFINITY;
let asking = false;
/** Answers to an ask made before `forgetPromptLibrary` are dropped. */
let generation = 0;
const listeners = new Set<() => void>();

function publish(next: PromptLibrary): void {
  library = next;
  for (const listener of listeners) listener();
}

function refresh(): void {
  if (asking || performance.now() - askedAt < freshForMs) return;
  asking = true;
  askedAt = performance.now();
  const asked = generation;
  promptsApi.list().then(
    (answer) => {
      if (asked !== generation) return;
      asking = false;
      publish({ status: 'ready', prompts: answer.items });
    },
    (error: unknown) => {
      if (asked !== generation) return;
      asking = false;
      askedAt = Number.NEGATIVE_INFINITY;
      // A list already had stays: a moment's failure should not empty every picker.
      if (library.status !== 'ready') publish({ status: 'failed', reason: asError(error).message });
    },
  );
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Forgets the library (tests start each from nothing). */
export function forgetPromptLibrary(): void {
  generation += 1;
  library = { status: 'loading' };
  askedAt = Number.NEGATIVE_INFINITY;
  asking = false;
}

/**
 * The library's prompts for pickers and validation, asked when the first of them mounts and again
 * when the window gets the focus back (after recording a prompt on the Prompts page in another tab),
 * at most every few seconds.
 */
export function usePromptLibrary(): PromptLibrary {
  const current = useSyncExternalStore(subscribe, () => library);
  useEffect(() => {
    refresh();
    window.addEventListener('focus', refresh);
    return () => window.removeEventListener('focus', refresh);
  }, []);
  return current;
}
