import { describe, expect, it } from 'vitest';
import { runTestNode } from '../../testing/runTestNode.ts';

describe('bridge', () => {
  it('bridge joins the rendered bridge name', async () => {
    const run = await runTestNode(
      { id: 'b', kind: 'bridge', options: { name: 'room-{{vars.room}}' } },
      { variables: { 'vars.room': '7' } },
    );
    expect(run.channel.operations).toEqual(['bridge room-7']);
    expect(run.port).toBe('next');
  });
});
