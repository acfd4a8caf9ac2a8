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
