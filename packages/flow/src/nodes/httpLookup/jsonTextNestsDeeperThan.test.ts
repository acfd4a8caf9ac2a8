import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nestsDeeperThan } from '../../document/nestsDeeperThan.ts';
import { jsonTextNestsDeeperThan } from './jsonTextNestsDeeperThan.ts';

describe('jsonTextNestsDeeperThan', () => {
  it('agrees with the depth of the parsed value for any JSON text', () => {
    fc.assert(
      fc.property(
        fc.jsonValue({ maxDepth: 8 }),
        fc.integer({ min: 0, max: 8 }),
        fc.boolean(),
        (value, limit, pretty) => {
          const text = JSON.stringify(value, null, pretty ? 2 : undefined);
          expect(jsonTextNestsDeeperThan(text, limit)).toBe(nestsDeeperThan(JSON.parse(text), limit));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('counts no bracket inside a string, after escaped quotes and backslashes too', () => {
    expect(jsonTextNestsDeeperThan('["[[[[", "\\"[[[[", "\\\\", "{{{"]', 1)).toBe(false);
    expect(jsonTextNestsDeeperThan('["\\\\", [[]]]', 2)).toBe(true);
  });

  it('scans 10 MB of brackets in linear time', () => {
    const started = performance.now();
    expect(jsonTextNestsDeeperThan('"'.repeat(5_000_001) + '['.repeat(5_000_000), 64)).toBe(false);
    expect(jsonTextNestsDeeperThan('['.repeat(5_000_000) + ']'.repeat(5_000_000), 64)).toBe(true);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
