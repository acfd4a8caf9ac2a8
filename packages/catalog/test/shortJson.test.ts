import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { readImportFile } from '../src/readImportFile.ts';
import { shortJson } from '../src/shortJson.ts';

/** `[[[…value…]]]`, `depth` levels, built without recursion. */
function nested(depth: number, value: unknown = 1): unknown {
  let result: unknown = value;
  for (let level = 0; level < depth; level++) result = [result];
  return result;
}

describe('shortJson', () => {
  it('writes small values as JSON', () => {
    expect(shortJson(3)).toBe('3');
    expect(shortJson('three')).toBe('"three"');
    expect(shortJson(null)).toBe('null');
    expect(shortJson(true)).toBe('true');
    expect(shortJson(undefined)).toBe('undefined');
    expect(shortJson([1, 'a', { b: null }])).toBe('[1,"a",{"b":null}]');
    expect(shortJson({ major: 1, minor: [2] })).toBe('{"major":1,"minor":[2]}');
  });

  it('writes the start of what JSON.stringify writes, for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const json = JSON.stringify(value);
        expect(shortJson(value)).toBe(json.length > 40 ? `${json.slice(0, 40)}…` : json);
      }),
      { numRuns: 2000 },
    );
  });

  it('cuts what is longer than 40 characters', () => {
    expect(shortJson('x'.repeat(100))).toBe(`"${'x'.repeat(39)}…`);
    expect(shortJson(Array.from({ length: 100 }, (_, index) => index))).toBe(
      `${JSON.stringify(Array.from({ length: 100 }, (_, index) => index)).slice(0, 40)}…`,
    );
  });

  it('describes a value nested 100,000 levels without overflowing the stack', () => {
    expect(shortJson(nested(100_000))).toBe(`${'['.repeat(40)}…`);
    expect(shortJson({ a: nested(100_000) })).toBe(`{"a":${'['.repeat(35)}…`);
  });

  it('reads only the start of a huge value (10 million characters): the items it shows, a string cut before quoting', () => {
    const items = Array.from({ length: 1_000_000 }, () => 'x'.repeat(10));
    const read = new Set<number>();
    const huge = new Proxy(items, {
      get: (target, key, receiver) => {
        if (typeof key === 'string' && /^\d+$/.test(key)) read.add(Number(key));
        return Reflect.get(target, key, receiver);
      },
    });
    expect(shortJson(huge)).toBe(`${JSON.stringify(items).slice(0, 40)}…`);
    // Three items of 13 characters fill the 40 shown; the fourth tells there is more.
    expect([...read].sort((a, b) => a - b)).toEqual([0, 1, 2, 3]);

    const stringify = vi.spyOn(JSON, 'stringify');
    try {
      expect(shortJson('y'.repeat(10_000_000))).toBe(`"${'y'.repeat(39)}…`);
      for (const [argument] of stringify.mock.calls) expect(String(argument).length).toBeLessThanOrEqual(41);
    } finally {
      stringify.mockRestore();
    }
  });
});

describe('readImportFile', () => {
  it('refuses a document whose schemaVersion is nested 100,000 levels with a problem, not a stack overflow', () => {
    const file = {
      format: 'callflow.flow',
      schemaVersion: 1,
      name: 'x',
      document: { schemaVersion: nested(100_000), nodes: [], edges: [] },
    };
    expect(readImportFile(file, undefined)).toEqual({
      ok: false,
      problems: [
        {
          severity: 'error',
          code: 'invalid-file',
          message: `The flow in this file says it was made in flow format ${'['.repeat(40)}…, but the file says format 1: export the flow again from Callflow`,
          nodeId: null,
          edgeId: null,
          path: 'document.schemaVersion',
        },
      ],
    });
  });
});
