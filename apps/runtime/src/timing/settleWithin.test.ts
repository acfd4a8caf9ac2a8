import { afterEach, describe, expect, it, vi } from 'vitest';
import { settleWithin } from './settleWithin.ts';

describe('settleWithin', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('returns as soon as every promise settled (rejections included) and leaves no timer behind', async () => {
    vi.useFakeTimers();
    await settleWithin([Promise.resolve(1), Promise.reject(new Error('no'))], 3_600_000);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('returns after the bound when a promise never settles', async () => {
    vi.useFakeTimers();
    let done = false;
    const waiting = settleWithin([new Promise(() => {})], 5000).then(() => {
      done = true;
    });
    await vi.advanceTimersByTimeAsync(4999);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await waiting;
    expect(done).toBe(true);
  });
});
