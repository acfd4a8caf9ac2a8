import { describe, expect, it } from 'vitest';
import { flowNode } from '../../document/FlowDocument.ts';
import { defaultFlowLanguage } from '../../document/flowLanguages.ts';
import { portDisplayName } from '../../document/portDisplayName.ts';
import { runTestNode } from '../../testing/runTestNode.ts';
import { nodeKinds } from '../nodeKinds.ts';

describe('start', () => {
  it("takes 'next'; its 'error' port is the flow's On error path, never taken by Start itself", async () => {
    expect(nodeKinds.start.ports({ language: 'en' })).toEqual(['next', 'error']);
    expect(portDisplayName({ kind: 'start', label: '', options: {} }, 'error')).toBe('On error');
    const run = await runTestNode({ id: 's', kind: 'start', options: {} });
    expect(run.port).toBe('next');
    expect(run.errors).toEqual([]);
  });

  it('sets the variables every call has, and the call language', () => {
    expect(nodeKinds.start.variablesSet({ language: 'en' })).toEqual([
      'caller.number',
      'caller.name',
      'call.extension',
      'call.channelId',
      'call.id',
      'call.language',
    ]);
  });

  it("its language is the flow's default language", () => {
    const flow = { nodes: [flowNode.parse({ id: 's', kind: 'start', options: { language: 'ru' } })] };
    expect(defaultFlowLanguage(flow)).toBe('ru');
  });

  it('reads a Start written before flows had a language as English', () => {
    const start = flowNode.parse({ id: 's', kind: 'start', options: {} });
    expect(start).toMatchObject({ options: { language: 'en' } });
    expect(defaultFlowLanguage({ nodes: [start] })).toBe('en');
  });

  it.each(['', 'english', 'EN', 'en-US', '../en', 'en,ru'])('refuses the language %j', (language) => {
    expect(flowNode.safeParse({ id: 's', kind: 'start', options: { language } }).success).toBe(false);
  });
});
