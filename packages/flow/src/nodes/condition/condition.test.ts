import { describe, expect, it } from 'vitest';
import { runTestNode } from '../../testing/runTestNode.ts';
import { nodeKinds } from '../nodeKinds.ts';

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

  it('check reports an invalid static regular expression for matches, but not a template', () => {
    const problems = (right: string) =>
      nodeKinds.condition.check?.(
        nodeKinds.condition.options.parse({ left: '{{vars.a}}', operator: 'matches', right }),
      );
    expect(problems('(')).toEqual([
      { path: ['right'], message: expect.stringMatching(/not a valid regular expression/) },
    ]);
    expect(problems('{{vars.x}}')).toEqual([]);
    // Would be invalid as a static pattern: the template is only known at call time.
    expect(problems('({{vars.x}}')).toEqual([]);
  });
});
