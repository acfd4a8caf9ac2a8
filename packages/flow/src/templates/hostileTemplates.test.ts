import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateFlow } from '../validation/validateFlow.ts';
import { renderTemplate } from './renderTemplate.ts';
import { templateReferences } from './templateReferences.ts';

const length = 100_000;
const fill = (unit: string, prefix = '') =>
  (prefix + unit.repeat(Math.ceil((length - prefix.length) / unit.length))).slice(0, length);

/** Inputs that made the old regex backtrack (cubic on `{{` + spaces), each 100,000 characters long. */
const hostile: Record<string, string> = {
  '{{ then spaces': fill(' ', '{{'),
  '{{ then tabs and newlines': fill('\t\n', '{{'),
  'only {': fill('{'),
  '{{a repeated': fill('{{a'),
  '{{ a repeated': fill('{{ a '),
  '}} repeated': fill('}}'),
  '{{ then spaces then }': `${fill(' ', '{{').slice(0, length - 1)}}`,
  'mix of braces, spaces and names': fill('{{ {{ x }} } {'),
  '{{ a.b then spaces': fill('{{ a.b   '),
};

/** Wall-clock bound per input: generous for a shared machine, far below the minutes the old regex took. */
const bound = 2_000;

function timed<T>(work: () => T): { result: T; milliseconds: number } {
  const started = performance.now();
  const result = work();
  return { result, milliseconds: performance.now() - started };
}

describe('template scanning on 100,000-character hostile text', () => {
  it.each(Object.entries(hostile))('renderTemplate handles %s in linear time', (_name, text) => {
    expect(text.length).toBe(length);
    const { milliseconds } = timed(() => renderTemplate(text, () => 'x'));
    expect(milliseconds).toBeLessThan(bound);
  });

  it.each(Object.entries(hostile))('templateReferences handles %s in linear time', (_name, text) => {
    const { milliseconds } = timed(() => templateReferences(text));
    expect(milliseconds).toBeLessThan(bound);
  });

  it.each(Object.entries(hostile))('validateFlow handles %s in an HTTP lookup body', (_name, text) => {
    const flow = {
      schemaVersion: 1,
      nodes: [
        { id: 'start', kind: 'start', options: {} },
        { id: 'lookup', kind: 'httpLookup', options: { url: 'https://crm.example.com/x', body: text } },
      ],
      edges: [{ id: 'e1', source: 'start', port: 'next', target: 'lookup' }],
    };
    const { result, milliseconds } = timed(() => validateFlow(flow));
    expect(milliseconds).toBeLessThan(bound);
    expect(result.document).not.toBeNull();
  });

  it('validateFlow handles 1,000 nodes whose every template option holds hostile text', () => {
    const text = fill(' ', '{{').slice(0, 1000);
    const nodes: unknown[] = [{ id: 'start', kind: 'start', options: {} }];
    for (let i = 0; i < 1000; i++)
      nodes.push({
        id: `c${i}`,
        kind: 'condition',
        options: { left: text, operator: 'equals', right: text },
      });
    const { result, milliseconds } = timed(() => validateFlow({ schemaVersion: 1, nodes, edges: [] }));
    expect(milliseconds).toBeLessThan(bound);
    expect(result.document).not.toBeNull();
  });
});

/** The pattern templates were read with before the scanner: the scanner must find exactly what it found. */
const previousPattern = /\{\{\s*([^{}]*?)\s*\}\}/g;

describe('template scanning keeps the meaning templates always had', () => {
  it('finds the same references as the previous pattern on any short text of braces, spaces and names', () => {
    const pieces = fc.constantFrom(
      '{',
      '}',
      '{{',
      '}}',
      ' ',
      '\t',
      '\u00a0',
      'a',
      'b.c',
      '.',
      '1',
      '+',
      '\n',
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        const expected = [...text.matchAll(previousPattern)].map((match) => match[1]);
        expect(templateReferences(text).map((reference) => reference.name)).toEqual(expected);
        const lookup = (name: string) => `<${name}>`;
        const expectedRender = text.replace(previousPattern, (_match, name: string) =>
          /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/.test(name) ? `<${name}>` : '',
        );
        expect(renderTemplate(text, lookup)).toBe(expectedRender);
      }),
      { numRuns: 5000 },
    );
  });

  it('reads a template next to extra braces the way it always did', () => {
    expect(templateReferences('{{{vars.a}}}')).toEqual([{ name: 'vars.a', valid: true }]);
    expect(templateReferences('{{ }}')).toEqual([{ name: '', valid: false }]);
    expect(renderTemplate('x{{{vars.a}}}y', (name) => (name === 'vars.a' ? '1' : undefined))).toBe('x{1}y');
    expect(renderTemplate('{{ a }{{b}}', () => 'v')).toBe('{{ a }v');
  });
});
