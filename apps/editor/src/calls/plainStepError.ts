/**
 * The runtime's step errors that have plain words, matched on the sentences the runtime writes
 * (apps/runtime: playMedia, dialCallee, recordCaller, the HTTP lookup, speech, secrets, limits).
 * Order matters: the first match wins.
 */
const plainWords: readonly (readonly [RegExp, (match: RegExpExecArray) => string])[] = [
  [/could not play .*\(unknown sound\?\)/, () => 'the sound was not found'],
  [/prompt from the library has no audio/, () => 'a library prompt has no recording in this version'],
  [/text-to-speech took longer than/, () => 'the spoken text took too long to prepare'],
  [/^text-to-speech /, () => 'the text could not be spoken'],
  [/HTTP lookup not made/, () => 'this call made more web lookups than allowed'],
  [/answered HTTP (\d{3})/, (match) => `the web service answered with an error (HTTP ${match[1]})`],
  [/did not answer JSON/, () => 'the web service did not answer in the expected format'],
  [/over the \d+-byte limit/, () => 'the web service answered with too much data'],
  [/is not an http\(s\) address/, () => 'the web address is not valid'],
  [/time(?:d)? ?out|took longer than/i, () => 'it took too long'],
  [/^cannot call (\S+):/, (match) => `could not call ${match[1]}`],
  [/never reached the runtime/, () => 'the call could not be placed'],
  [/^recording .* failed/, () => 'the recording failed'],
  [/credentials store|secrets are not available/, () => 'a stored password or key it needs is not available'],
  [/rendered empty|rendered as/, () => 'a value it uses from the call was empty or unsuitable'],
];

/**
 * What went wrong in a step, in words a PBX administrator reads: known runtime errors in plain
 * words, any other as the runtime wrote it (still a sentence, and better than nothing).
 */
export function plainStepError(error: string): string {
  for (const [pattern, words] of plainWords) {
    const match = pattern.exec(error);
    if (match !== null) return words(match);
  }
  return error;
}
