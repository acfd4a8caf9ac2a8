import { describe, expect, it } from 'vitest';
import { stepErrors } from './stepErrors.ts';

/** A sentence each entry writes, from example arguments: a new entry without one fails to compile. */
const written: { readonly [Key in keyof typeof stepErrors]: string } = {
  callerHungUp: stepErrors.callerHungUp.says(),
  soundNotFound: stepErrors.soundNotFound.says(['sound:helo-world', 'sound:beep']),
  libraryPromptWithoutAudio: stepErrors.libraryPromptWithoutAudio.says(),
  speechTooSlow: stepErrors.speechTooSlow.says(8000),
  speechCancelled: stepErrors.speechCancelled.says(),
  speechFailed: stepErrors.speechFailed.says('espeak-ng exited with 1'),
  httpLookupLimit: stepErrors.httpLookupLimit.says(20),
  httpNoAnswer: stepErrors.httpNoAnswer.says('GET https://crm.example.com/x', 5),
  httpUnfinished: stepErrors.httpUnfinished.says('GET https://crm.example.com/x', 200, 5),
  httpStatus: stepErrors.httpStatus.says('GET https://crm.example.com/x', 503),
  httpNotJson: stepErrors.httpNotJson.says('GET https://crm.example.com/x'),
  httpAnnouncedTooLarge: stepErrors.httpAnnouncedTooLarge.says('GET https://crm.example.com/x', 9e6, 65536),
  httpSentTooLarge: stepErrors.httpSentTooLarge.says('GET https://crm.example.com/x', 65536),
  httpNotAnAddress: stepErrors.httpNotAnAddress.says('ftp://files'),
  cannotCall: stepErrors.cannotCall.says('PJSIP/9', 'Allocation failed'),
  callNeverReached: stepErrors.callNeverReached.says('PJSIP/1001'),
  recordingFailed: stepErrors.recordingFailed.says('voicemail-1', 'Recording failed'),
  credentialsUnreadable: stepErrors.credentialsUnreadable.says('database is down'),
  credentialsNotForThisCall: stepErrors.credentialsNotForThisCall.says(),
  secretsNotForThisStep: stepErrors.secretsNotForThisStep.says(),
};

describe('stepErrors', () => {
  it.each(Object.keys(written) as (keyof typeof stepErrors)[])(
    '%s: the sentence written is recognised by its own pattern, before any other entry’s',
    (key) => {
      const first = Object.entries(stepErrors).find(([, entry]) => entry.pattern.test(written[key]));
      expect(first?.[0]).toBe(key);
    },
  );
});
