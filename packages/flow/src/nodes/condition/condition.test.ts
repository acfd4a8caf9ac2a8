import { describe, expect, it } from 'vitest';
import { runTestNode } from '../../testing/runTestNode.ts';
import { nodeKinds } from '../nodeKinds.ts';

const options = (values: Record<string, string>) => nodeKinds.condition.options.parse(values);
const problems = (right: string) =>
  nodeKinds.condition.check?.(options({ left: '{{vars.a}}', operator: 'matches', right })) ?? [];

const check = (left: string, operator: string, right: string, variables: Record<string, string> = {}) =>
  runTestNode({ id: 'c', kind: 'condition', options: { left, operator, right } }, { variables });

describe('condition', () => {
  it.each([
    ['{{vars.a}}', 'equals', '1234', 'true'],
    ['{{vars.a}}', 'notEquals', '1234', 'false'],
    ['{{vars.a}}', 'matches', '^12', 'true'],
    ['{{vars.a}}', 'lessThan', '2000', 'true'],
    ['{{vars.a}}', 'greaterThan', '2000', 'false'],
    ['{{vars.missing}}', 'isEmpty', '', 'true'],
    ['{{vars.a}}', 'isNotEmpty', '', 'true'],
  ])('%s %s %s is %s', async (left, operator, right, expected) => {
    expect((await check(left, operator, right, { 'vars.a': '1234' })).port).toBe(expected);
  });

  it('is false and reports why when a number comparison gets text', async () => {
    const run = await check('abc', 'lessThan', '5');
    expect(run.port).toBe('false');
    expect(run.errors[0]).toMatch(/as numbers/);
  });

  it('check reports an invalid regular expression for matches, on the field', () => {
    expect(problems('(')).toEqual([
      { path: ['right'], message: expect.stringMatching(/^the pattern is not a valid regular expression/) },
    ]);
  });

  it.each([
    ['(a)\\1', /backreferences/],
    ['(?<name>a)\\k<name>', /backreferences/],
    ['^(?=1)\\d+', /lookahead/],
    ['^(?!0)\\d+', /lookahead/],
    ['(?<=0)1', /lookbehind/],
    ['(?<!0)1', /lookbehind/],
    ['\\d++', /possessive/],
    ['\\u0041', /\\x\{41\}/],
  ])(
    'check refuses %s, which the linear-time engine does not support, with a clear reason',
    (pattern, reason) => {
      const [problem, ...others] = problems(pattern);
      expect(others).toEqual([]);
      expect(problem?.path).toEqual(['right']);
      expect(problem?.message).toMatch(/^the pattern /);
      expect(problem?.message).toMatch(reason);
    },
  );

  it('check refuses a template in the pattern: a caller must never supply the regular expression', () => {
    for (const pattern of ['{{vars.x}}', '^{{vars.x}}$', '({{vars.x}}', '{{ caller.number }}'])
      expect(problems(pattern)).toEqual([
        { path: ['right'], message: expect.stringMatching(/^the pattern cannot hold \{\{variables\}\}/) },
      ]);
    // Templates stay allowed in the value tested and in the other comparisons.
    expect(
      nodeKinds.condition.check?.(options({ left: '{{vars.a}}', operator: 'equals', right: '{{vars.b}}' })),
    ).toEqual([]);
  });

  it('check refuses a pattern too long or too complex to run on every call', () => {
    expect(problems('a'.repeat(201))[0]?.message).toMatch(/at most 200 characters/);
    expect(problems('\\pL{1000}')[0]?.message).toMatch(/too complex/);
    expect(problems('[a-z]{150}[0-9]{150}')[0]?.message).toMatch(/too complex/);
    expect(problems('^\\+?44\\d{9,10}$')).toEqual([]);
  });

  it('matches a catastrophic pattern against hostile caller input in linear time', async () => {
    // With a backtracking engine `^(\d+)+$` on 28 digits and a letter took 3 s, doubling per digit.
    for (const digits of [28, 40, 999]) {
      const started = performance.now();
      const run = await check('{{vars.x}}', 'matches', '^(\\d+)+$', { 'vars.x': `${'1'.repeat(digits)}a` });
      expect(performance.now() - started).toBeLessThan(2_000);
      expect(run.port).toBe('false');
      expect(run.errors).toEqual([]);
    }
  });

  it('is false and reports why when the value to match is longer than 1,000 characters', async () => {
    const run = await check('{{vars.x}}', 'matches', 'a', { 'vars.x': 'a'.repeat(1001) });
    expect(run.port).toBe('false');
    expect(run.errors).toEqual([expect.stringMatching(/1,001 characters.*at most 1,000/)]);
    expect((await check('{{vars.x}}', 'matches', 'a$', { 'vars.x': 'a'.repeat(1000) })).port).toBe('true');
  });

  it('never runs a pattern rendered from variables, even in a flow published before templates were refused', async () => {
    const run = await check('1', 'matches', '{{vars.pattern}}', { 'vars.pattern': '^(\\d+)+$' });
    expect(run.port).toBe('false');
    expect(run.errors).toEqual([expect.stringMatching(/cannot hold \{\{variables\}\}/)]);
  });

  it('is false and reports why at call time when a stored pattern is not supported', async () => {
    const run = await check('aa', 'matches', '(a)\\1');
    expect(run.port).toBe('false');
    expect(run.errors).toEqual([expect.stringMatching(/backreferences/)]);
  });
});
