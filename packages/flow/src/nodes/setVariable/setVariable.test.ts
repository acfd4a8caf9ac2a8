import { describe, expect, it } from 'vitest';
import { runTestNode } from '../../testing/runTestNode.ts';

describe('setVariable', () => {
  it('set variable renders its value', async () => {
    const run = await runTestNode(
      { id: 'v', kind: 'setVariable', options: { name: 'greeting', value: 'hi {{caller.name}}' } },
      { variables: { 'caller.name': 'Ann' } },
    );
    expect(run.variables.get('vars.greeting')).toBe('hi Ann');
    expect(run.variables.takeChanges()).toEqual({ 'vars.greeting': 'hi Ann' });
  });
});

describe('setVariable within the call variable limits', () => {
  it('keeps the first 4,096 characters of a value that doubles itself, and reports it', async () => {
    const run = await runTestNode(
      { id: 'grow', kind: 'setVariable', options: { name: 'x', value: '{{vars.x}}{{vars.x}}' } },
      { variables: { 'vars.x': 'ab'.repeat(2048) } },
    );
    expect(run.port).toBe('next');
    expect(run.variables.get('vars.x')).toBe('ab'.repeat(2048));
    expect(run.errors).toEqual([
      'vars.x: 8192 characters, more than the 4096 a call variable can hold; kept the first 4096',
    ]);
  });

  it('stores no new variable in a call that holds 200 already, reports it and goes on', async () => {
    const many = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`vars.v${i}`, 'x']));
    const run = await runTestNode(
      { id: 'v', kind: 'setVariable', options: { name: 'extra', value: 'y' } },
      { variables: many },
    );
    expect(run.port).toBe('next');
    expect(run.variables.get('vars.extra')).toBeUndefined();
    expect(run.errors).toEqual([
      'vars.extra: not stored; the call already holds 200 variables, the most it can',
    ]);
  });
});
