import { describe, expect, it } from 'vitest';
import { validateFlow } from '../validation/validateFlow.ts';
import { testFlow } from './testFlow.ts';

describe('testFlow', () => {
  it('wires a chain with next and a dotted wire with its port, numbering edges in the order written', () => {
    const flow = testFlow(
      [
        { id: 'start', kind: 'start' },
        { id: 'answer', kind: 'answer' },
        { id: 'say', kind: 'play', options: { prompts: [{ type: 'digits', value: '1' }] } },
        { id: 'bye', kind: 'hangup' },
      ],
      ['start -> answer -> say -> bye', 'say.error -> bye'],
    );
    expect(flow.edges).toEqual([
      { id: 'e1', source: 'start', port: 'next', target: 'answer' },
      { id: 'e2', source: 'answer', port: 'next', target: 'say' },
      { id: 'e3', source: 'say', port: 'next', target: 'bye' },
      { id: 'e4', source: 'say', port: 'error', target: 'bye' },
    ]);
    expect(flow.nodes[0]).toEqual({ id: 'start', kind: 'start', options: {} });
    expect(validateFlow(flow)).toMatchObject({ ok: true, problems: [] });
  });

  it('refuses a wire it cannot read', () => {
    expect(() => testFlow([], ['start => answer'])).toThrow('bad wire "start => answer"');
  });
});
