import { describe, expect, it } from 'vitest';
import { median, quantile } from './statistics.ts';

describe('quantile (nearest rank)', () => {
  it('takes the ceil(q·n)-th smallest value, always one that was measured', () => {
    const values = [50, 10, 40, 20, 30];
    expect(quantile(values, 0)).toBe(10);
    expect(quantile(values, 0.2)).toBe(10);
    expect(quantile(values, 0.21)).toBe(20);
    expect(quantile(values, 0.5)).toBe(30);
    expect(quantile(values, 0.9)).toBe(50);
    expect(quantile(values, 1)).toBe(50);
  });

  it('gives p50 and p90 of twenty rounds as the 10th and 18th smallest', () => {
    const rounds = Array.from({ length: 20 }, (_, index) => 20 - index);
    expect(quantile(rounds, 0.5)).toBe(10);
    expect(quantile(rounds, 0.9)).toBe(18);
    expect(quantile(rounds, 0.99)).toBe(20);
  });

  it('leaves out values that are not finite, and has no answer without values', () => {
    expect(quantile([Number.NaN, 3, Number.POSITIVE_INFINITY, 1], 1)).toBe(3);
    expect(quantile([], 0.5)).toBeUndefined();
    expect(quantile([Number.NaN], 0.5)).toBeUndefined();
  });

  it('refuses a q outside 0..1', () => {
    expect(() => quantile([1], 1.5)).toThrow(/between 0 and 1/);
    expect(() => quantile([1], Number.NaN)).toThrow(/between 0 and 1/);
  });
});

describe('median', () => {
  it('is the middle value of an odd count', () => {
    expect(median([3, 1, 2])).toBe(2);
  });

  it('is the lower middle value of an even count, not the mean of the two', () => {
    expect(median([4, 1, 3, 2])).toBe(2);
    expect(median([1.18, 1.3])).toBe(1.18);
  });
});
