import { describe, expect, it } from 'vitest';
import { validateFlow } from './validateFlow.ts';

const flowWithPattern = (right: string) => ({
  schemaVersion: 1,
  nodes: [
    { id: 'start', kind: 'start', options: {} },
    {
      id: 'vip',
      label: 'VIP?',
      kind: 'condition',
      options: { left: '{{caller.number}}', operator: 'matches', right },
    },
  ],
  edges: [{ id: 'e1', source: 'start', port: 'next', target: 'vip' }],
});

describe('validateFlow on regular expressions in conditions', () => {
  it('refuses a pattern the linear-time engine does not support, on the field that holds it', () => {
    const result = validateFlow(flowWithPattern('^(?!0)\\d+$'));
    expect(result.ok).toBe(false);
    expect(result.problems.filter((p) => p.severity === 'error')).toEqual([
      expect.objectContaining({
        severity: 'error',
        code: 'invalid-option',
        nodeId: 'vip',
        path: 'nodes.1.options.right',
        message: expect.stringMatching(/^Condition “VIP\?”: Compare with: the pattern uses lookahead/),
      }),
    ]);
    // The field is named once, by its title, not again inside the message.
    const [problem] = result.problems.filter((p) => p.severity === 'error');
    expect(problem?.message.match(/Compare with/g)).toHaveLength(1);
  });

  it('refuses a pattern built from variables', () => {
    const result = validateFlow(flowWithPattern('^{{caller.number}}$'));
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => [p.code, p.path])).toContainEqual([
      'invalid-option',
      'nodes.1.options.right',
    ]);
  });

  it('accepts an ordinary pattern', () => {
    expect(validateFlow(flowWithPattern('^\\+?44')).problems).toEqual([
      expect.objectContaining({ code: 'unconnected-port' }),
      expect.objectContaining({ code: 'unconnected-port' }),
    ]);
  });
});
