import type { PromptListResponse } from '@callflow/contract';
import { useEffect, useState } from 'react';
import { asError } from '../api/asError.ts';
import { promptsApi } from './promptsApi.ts';

export type PromptLibrary =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly prompts: PromptListResponse['items'] }
  | { readonly status: 'failed'; readonly reason: string };

/** How long one answer serves every picker that opens: a menu's five prompts ask once. */
const freshForMs = 5_000;
let shared: { readonly asked: number; readonly answer: Promise<PromptListResponse> } | null = null;

/** Forgets the shared answer (tests start each from nothing). */
export function forgetPromptLibrary(): void {
  shared = null;
}

/**
 * The library's prompts for pickers, asked again when a picker opens a few seconds after the last ask,
 * so a prompt just added on the Prompts page (in another tab) is there.
 */
export function usePromptLibrary(enabled = true): PromptLibrary {
  const [library, setLibrary] = useState<PromptLibrary>({ status: 'loading' });
  useEffect(() => {
    if (!enabled) return;
    let current = true;
    if (shared === null || performance.now() - shared.asked > freshForMs)
      shared = { asked: performance.now(), answer: promptsApi.list() };
    const asked = shared;
    asked.answer.then(
      (answer) => {
        if (current) setLibrary({ status: 'ready', prompts: answer.items });
      },
      (error: unknown) => {
        if (shared === asked) shared = null;
        if (current) setLibrary({ status: 'failed', reason: asError(error).message });
      },
    );
    return () => {
      current = false;
    };
  }, [enabled]);
  return library;
}
