import { describe, expect, it } from 'vitest';
import { IdCursor } from '../src/services/calls/IdCursor.ts';

describe('IdCursor', () => {
  it('remembers skipped ids for a grace period and then forgets them', () => {
    const cursor = new IdCursor(10, 1000);
    cursor.advance([11, 14, 12], 0);
    expect(cursor.last).toBe(14);
    expect(cursor.gaps).toEqual([13]);
    cursor.advance([13, 15], 500);
    expect(cursor.gaps).toEqual([]);
    cursor.advance([18], 600);
    expect(cursor.gaps).toEqual([16, 17]);
    cursor.advance([], 1700);
    expect(cursor.gaps).toEqual([]);
    expect(cursor.last).toBe(18);
  });

  it('keeps at most maxGaps gaps, the newest', () => {
    const cursor = new IdCursor(0, 10_000, 3);
    cursor.advance([100], 0);
    expect(cursor.gaps).toEqual([97, 98, 99]);
    cursor.advance([102], 1);
    expect(cursor.gaps).toEqual([98, 99, 101]);
  });
});
