import { stepErrors } from '@callflow/flow';

/**
 * Errors with no entry in stepErrors: a value rendered from the call that did not fit an option
 * (many options, one shape of sentence), and limits in other words. Matched after the shared ones.
 */
const otherPlainWords: readonly (readonly [RegExp, () => string])[] = [
  [/rendered empty|rendered as/, () => 'a value it uses from the call was empty or unsuitable'],
  [/time(?:d)? ?out|took longer than/i, () => 'it took too long'],
];

/**
 * What went wrong in a step, in words a PBX administrator reads: the sentences the runtime and the
 * node steps write (stepErrors, shared with them) in plain words, any other as it was written (still
 * a sentence, and better than nothing).
 */
export function plainStepError(error: string): string {
  for (const { pattern, plain } of Object.values(stepErrors)) {
    const match = pattern.exec(error);
    if (match !== null) return plain(match);
  }
  for (const [pattern, words] of otherPlainWords) if (pattern.test(error)) return words();
  return error;
}
