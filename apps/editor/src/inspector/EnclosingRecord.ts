import { createContext, useContext } from 'react';

/**
 * The object a field belongs to, as the draft holds it: a say prompt's text previews in the prompt's
 * language and voice, its voice list is the language's.
 */
export const EnclosingRecord = createContext<Readonly<Record<string, unknown>>>({});

export function useEnclosingRecord(): Readonly<Record<string, unknown>> {
  return useContext(EnclosingRecord);
}

/** A sibling text field's value, or null when it is unset, null or not text. */
export function siblingText(record: Readonly<Record<string, unknown>>, key: string): string | null {
  const value = record[key];
  return typeof value === 'string' && value !== '' ? value : null;
}
