import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nodeKinds } from '../nodes/nodeKinds.ts';
import { renderTemplate } from '../templates/renderTemplate.ts';
import { validateFlow } from './validateFlow.ts';

/** Every string leaf of a value, as a path of keys and indexes. */
function stringPaths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (typeof value === 'string') return [path];
  if (Array.isArray(value)) return value.flatMap((item, index) => stringPaths(item, [...path, index]));
  if (typeof value === 'object' && value !== null)
    return Object.entries(value).flatMap(([key, item]) => stringPaths(item, [...path, key]));
  return [];
}

function withStringAt(value: unknown, path: readonly (string | number)[], text: string): unknown {
  const [key, ...rest] = path;
  if (key === undefined) return text;
  if (Array.isArray(value))
    return value.map((item, index) => (index === key ? withStringAt(item, rest, text) : item));
  if (typeof value === 'object' && value !== null)
    return { ...value, [key]: withStringAt((value as Record<string, unknown>)[key], rest, text) };
  return value;
}

/** Options with every list a kind has filled in once, so each text field holds a string to replace. */
const richerOptions: Partial<Record<string, Record<string, unknown>>> = {
  httpLookup: {
    method: 'POST',
    headers: [{ name: 'Authorization', value: 'Bearer x' }],
    body: '{"caller": "x"}',
    fields: [{ variable: 'agent', path: 'data.agent' }],
  },
};

const cases = Object.values(nodeKinds).flatMap((definition) => {
  const options = definition.options.parse({
    ...definition.starterOptions,
    ...richerOptions[definition.kind],
  });
  return stringPaths(options).map((path) => ({ kind: definition.kind, options, path }));
});

/** Pieces that made template and regex scanning backtrack, or that parsers treat specially. */
const piece = fc.constantFrom(
  '{',
  '}',
  '{{',
  '}}',
  ' ',
  '\t',
  '\n',
  'a',
  '1',
  '.',
  '{{vars.x}}',
  '{{ }}',
  '{{a',
  '(',
  ')+',
  '\\',
  '\u0000',
  '\u2028',
  '\ud800',
  '%2e',
  '..',
  '/',
  '@',
  ':',
);
/**
 * A few pieces, then a short run of pieces repeated: `{{` then spaces, `{{a` again and again... Lengths
 * are either any up to 100,000 or exactly a field's maximum, since longer text is refused by the schema.
 */
const hostileText = fc
  .tuple(
    fc.array(piece, { maxLength: 3 }),
    fc.array(piece, { minLength: 1, maxLength: 3 }),
    fc.oneof(fc.integer({ min: 1, max: 100_000 }), fc.constantFrom(80, 200, 1000, 2000, 100_000)),
  )
  .map(([head, unit, length]) => {
    const start = head.join('');
    const run = unit.join('');
    return (start + run.repeat(Math.ceil(length / run.length))).slice(0, length);
  });

describe('every text option of every node kind, filled with generated hostile text', () => {
  it.each(cases.map((c) => [`${c.kind}.${c.path.join('.')}`, c] as const))(
    '%s is validated in bounded time, without throwing',
    (_name, { kind, options, path }) => {
      fc.assert(
        fc.property(hostileText, (text) => {
          const flow = {
            schemaVersion: 1,
            nodes: [
              { id: 'start', kind: 'start', options: {} },
              { id: 'node', kind, options: withStringAt(options, path, text) },
            ],
            edges: [{ id: 'e1', source: 'start', port: 'next', target: 'node' }],
          };
          const started = performance.now();
          const result = validateFlow(flow);
          renderTemplate(text, () => text.slice(0, 1000));
          expect(performance.now() - started).toBeLessThan(2_000);
          expect(result.problems.length).toBeLessThanOrEqual(1001);
        }),
        { numRuns: 40 },
      );
    },
  );
});
