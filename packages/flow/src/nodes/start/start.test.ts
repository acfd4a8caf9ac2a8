import { describe, expect, it } from 'vitest';
import { runTestNode } from '../../testing/runTestNode.ts';
import { nodeKinds } from '../nodeKinds.ts';

describe('start', () => {
  it("exposes only the 'next' port and takes it", async () => {
    expect(nodeKinds.start.ports({})).toEqual(['next']);
    const run = await runTestNode({ id: 's', kind: 'start', options: {} });
    expect(run.port).toBe('next');
    expect(run.errors).toEqual([]);
  });

  it('sets the variables every call has', () => {
    expect(nodeKinds.start.variablesSet({})).toEqual([
      'caller.number',
      'caller.name',
      'call.extension',
      'call.channelId',
      'call.id',
    ]);
  });
});
