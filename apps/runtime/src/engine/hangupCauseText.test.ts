import { describe, expect, it } from 'vitest';
import { hangupCauseText } from './hangupCauseText.ts';

describe('hangupCauseText', () => {
  it('gives Asterisk’s words for the causes calls end with', () => {
    expect([16, 17, 19, 21, 34, 127].map(hangupCauseText)).toEqual([
      '16 Normal Clearing',
      '17 User busy',
      '19 User alerting, no answer',
      '21 Call Rejected',
      '34 Circuit/channel congestion',
      '127 Interworking, unspecified',
    ]);
  });

  it('says Unknown for a code Asterisk has no words for, as Asterisk does', () => {
    expect(hangupCauseText(0)).toBe('0 Unknown');
    expect(hangupCauseText(250)).toBe('250 Unknown');
  });
});
