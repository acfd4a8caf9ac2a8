import { describe, expect, it } from 'vitest';
import { maxListedProblems, validateFlow } from './validateFlow.ts';

const flowOf = (nodes: unknown[]) => ({
  schemaVersion: 1,
  nodes: [{ id: 'start', kind: 'start', options: {} }, ...nodes],
  edges: [],
});

describe('validateFlow on a document built to flood it with problems', () => {
  it('lists a malformed or unknown template once per field, however often it repeats', () => {
    const value = `${'{{}}'.repeat(3)}${'{{vars.x}}'.repeat(3)}{{1+1}}`;
    const problems = validateFlow(flowOf([{ id: 'set', kind: 'setVariable', options: { name: 'a', value } }]))
      .problems.filter((problem) => problem.path === 'nodes.1.options.value')
      .map((problem) => `${problem.code}:${problem.message}`);
    expect(problems).toEqual([
      expect.stringMatching(/^bad-template:Set variable \(.*\): Value: “\{\{\}\}” is not a variable/),
      expect.stringMatching(
        /^unknown-variable:.*: Value: \{\{vars\.x\}\} is not set by any step before this one/,
      ),
      expect.stringMatching(/^bad-template:.*: Value: “\{\{1\+1\}\}” is not a variable/),
    ]);
  });

  it('answers 5 MB of "{{}}" with a bounded list of problems, quickly', () => {
    // Before: 1,254,750 problems, 261 MB of JSON, many seconds.
    const nodes = Array.from({ length: 4999 }, (_, i) => ({
      id: `n${i}`,
      kind: 'setVariable',
      options: { name: 'a', value: `${'{{}}'.repeat(248)}{{x${i}}}` },
    }));
    const started = performance.now();
    const result = validateFlow(flowOf(nodes));
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(result.ok).toBe(false);
    expect(result.problems).toHaveLength(maxListedProblems + 1);
    expect(JSON.stringify(result.problems).length).toBeLessThan(1_000_000);
    expect(result.problems.at(-1)).toMatchObject({
      severity: 'error',
      code: 'too-many-problems',
      message: expect.stringMatching(/^\d[\d,]* more problems are not listed, \d[\d,]* of them errors/),
    });
  });

  it('keeps ok false when every error lies beyond the listed problems', () => {
    // Unreachable nodes give warnings first; the one error comes last.
    const nodes: unknown[] = Array.from({ length: maxListedProblems + 10 }, (_, i) => ({
      id: `n${i}`,
      kind: 'answer',
      options: {},
    }));
    nodes.push({ id: 'bad', kind: 'setVariable', options: { name: 'a', value: '{{1+1}}' } });
    const result = validateFlow(flowOf(nodes));
    expect(result.ok).toBe(false);
    expect(result.problems.at(-1)).toMatchObject({ severity: 'error', code: 'too-many-problems' });
  });
});
