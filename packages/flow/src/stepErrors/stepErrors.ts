/**
 * One sentence a call's step can end with: what the runtime writes (`says`, used where the error is
 * made), how the call log recognises it (`pattern`, matched on the stored text) and what a PBX
 * administrator reads (`plain`). Kept together so changing a sentence on one side fails a test
 * (stepErrors.test.ts) instead of silently leaving the editor showing the raw text.
 */
export interface StepErrorWords<Args extends readonly unknown[]> {
  readonly says: (...args: Args) => string;
  readonly pattern: RegExp;
  readonly plain: (match: RegExpExecArray) => string;
}

const words = <Args extends readonly unknown[]>(entry: StepErrorWords<Args>) => entry;

/** The step errors the runtime and the node steps write that have plain words, first match first. */
export const stepErrors = {
  /** The caller hung up during the step (interpretFlow): not a failure. */
  callerHungUp: words({
    says: () => 'caller hung up',
    pattern: /^caller hung up$/,
    plain: () => 'the caller hung up',
  }),
  soundNotFound: words({
    says: (media: readonly string[]) => `Asterisk could not play ${media.join(', ')} (unknown sound?)`,
    pattern: /could not play .*\(unknown sound\?\)/,
    plain: () => 'the sound was not found',
  }),
  libraryPromptWithoutAudio: words({
    says: () =>
      'a prompt from the library has no audio in this version of the flow: give it a recording and publish the flow again',
    pattern: /prompt from the library has no audio/,
    plain: () => 'a library prompt has no recording in this version',
  }),
  speechTooSlow: words({
    says: (timeoutMs: number) => `text-to-speech took longer than ${timeoutMs} ms`,
    pattern: /^text-to-speech took longer than/,
    plain: () => 'the spoken text took too long to prepare',
  }),
  speechCancelled: words({
    says: () => 'text-to-speech was cancelled: every call waiting for it hung up',
    pattern: /^text-to-speech was cancelled/,
    plain: () => 'the text could not be spoken',
  }),
  speechFailed: words({
    says: (reason: string) => `text-to-speech failed: ${reason}`,
    pattern: /^text-to-speech failed: /,
    plain: () => 'the text could not be spoken',
  }),
  httpLookupLimit: words({
    says: (most: number) =>
      `HTTP lookup not made: this call already made ${most}, the most CALLFLOW_MAX_HTTP_LOOKUPS_PER_CALL allows`,
    pattern: /^HTTP lookup not made/,
    plain: () => 'this call made more web lookups than allowed',
  }),
  httpNoAnswer: words({
    says: (shown: string, seconds: number) => `${shown} gave no answer within ${seconds} s`,
    pattern: / gave no answer within \d+ s$/,
    plain: () => 'the web service did not answer in time',
  }),
  httpUnfinished: words({
    says: (shown: string, status: number, seconds: number) =>
      `${shown} answered HTTP ${status} but did not finish within ${seconds} s`,
    pattern: / answered HTTP \d{3} but did not finish within/,
    plain: () => 'the web service did not finish its answer in time',
  }),
  httpStatus: words({
    says: (shown: string, status: number) => `${shown} answered HTTP ${status}`,
    pattern: / answered HTTP (\d{3})$/,
    plain: (match) => `the web service answered with an error (HTTP ${match[1]})`,
  }),
  httpNotJson: words({
    says: (shown: string) => `${shown} did not answer JSON`,
    pattern: / did not answer JSON$/,
    plain: () => 'the web service did not answer in the expected format',
  }),
  httpAnnouncedTooLarge: words({
    says: (shown: string, declared: number, limitBytes: number) =>
      `${shown} announced ${declared} bytes, over the ${limitBytes}-byte limit; not read`,
    pattern: /announced \d+ bytes, over the \d+-byte limit/,
    plain: () => 'the web service answered with too much data',
  }),
  httpSentTooLarge: words({
    says: (shown: string, limitBytes: number) =>
      `${shown} sent an answer over the ${limitBytes}-byte limit; reading stopped`,
    pattern: /sent an answer over the \d+-byte limit/,
    plain: () => 'the web service answered with too much data',
  }),
  httpNotAnAddress: words({
    says: (shownUrl: string) => `"${shownUrl}" is not an http(s) address`,
    pattern: /is not an http\(s\) address$/,
    plain: () => 'the web address is not valid',
  }),
  cannotCall: words({
    says: (endpoint: string, reason: string) => `cannot call ${endpoint}: ${reason}`,
    pattern: /^cannot call (\S+):/,
    plain: (match) => `could not call ${match[1]}`,
  }),
  callNeverReached: words({
    says: (endpoint: string) => `the call to ${endpoint} never reached the runtime`,
    pattern: /never reached the runtime$/,
    plain: () => 'the call could not be placed',
  }),
  recordingFailed: words({
    says: (name: string, why: string) => `recording ${name} failed: ${why}`,
    pattern: /^recording \S+ failed: /,
    plain: () => 'the recording failed',
  }),
  credentialsUnreadable: words({
    says: (reason: string) => `cannot read the credentials store: ${reason}`,
    pattern: /^cannot read the credentials store/,
    plain: () => 'a stored password or key it needs is not available',
  }),
  credentialsNotForThisCall: words({
    says: () => 'the credentials store is not available to this call',
    pattern: /^the credentials store is not available/,
    plain: () => 'a stored password or key it needs is not available',
  }),
  secretsNotForThisStep: words({
    says: () => 'secrets are not available to this step',
    pattern: /^secrets are not available/,
    plain: () => 'a stored password or key it needs is not available',
  }),
} as const;
