import { describe, expect, it } from 'vitest';
import { alignedDelay } from './alignedDelay.ts';

describe('alignedDelay', () => {
  it('waits until the next multiple of the interval, a whole interval when on one', () => {
    expect(alignedDelay(250, 1_000_000)).toBe(250);
    expect(alignedDelay(250, 1_000_001)).toBe(249);
    expect(alignedDelay(250, 1_000_249)).toBe(1);
    expect(alignedDelay(2000, 1_000_250)).toBe(1750);
  });

  it('puts timers of different intervals on one grid when one interval divides the other', () => {
    const now = 1_700_000_123;
    expect((now + alignedDelay(250, now)) % 250).toBe(0);
    expect((now + alignedDelay(2000, now)) % 250).toBe(0);
    expect((now + alignedDelay(1000, now)) % 250).toBe(0);
  });
});
