import { describe, expect, it } from 'vitest';
import { AudioRejected } from './AudioRejected.ts';

describe('AudioRejected messages', () => {
  it('says how big the file is, rounded up so a file over the limit never reads as the limit', () => {
    expect(AudioRejected.tooBig(31 * 1024 * 1024, 20 * 1024 * 1024).message).toBe(
      'The file is 31 MB; the limit is 20 MB.',
    );
    expect(AudioRejected.tooBig(20 * 1024 * 1024 + 1, 20 * 1024 * 1024).message).toBe(
      'The file is 21 MB; the limit is 20 MB.',
    );
    expect(AudioRejected.tooBig(1.25 * 1024 * 1024, 1024 * 1024).message).toBe(
      'The file is 1.3 MB; the limit is 1 MB.',
    );
  });

  it('says how long the recording is in minutes and seconds, or that it is longer than the limit', () => {
    expect(AudioRejected.tooLong(723_000, 300).message).toBe(
      'The recording is 12 min 3 s long; prompts can be at most 5 min.',
    );
    expect(AudioRejected.tooLong(null, 300).message).toBe(
      'The recording is longer than 5 min; prompts can be at most 5 min.',
    );
    expect(AudioRejected.tooLong(45_000, 30).code).toBe('too_long');
  });
});
