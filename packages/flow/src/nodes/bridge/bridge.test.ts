import { describe, expect, it } from 'vitest';
import { runTestNode } from '../../testing/runTestNode.ts';
import { bridge } from './bridge.ts';

describe('bridge', () => {
  it('bridge joins the rendered bridge name', async () => {
    const run = await runTestNode(
      { id: 'b', kind: 'bridge', options: { name: 'room-{{vars.room}}' } },
      { variables: { 'vars.room': '7' } },
    );
    expect(run.channel.operations).toEqual(['bridge room-7']);
    expect(run.port).toBe('next');
  });

  it.each(['7/8', 'a b', 'x:y', '\n', 'a'.repeat(81)])(
    "takes 'error' and joins nothing when a value would change the bridge name: %j",
    async (value) => {
      const run = await runTestNode(
        { id: 'b', kind: 'bridge', options: { name: 'room-{{vars.room}}' } },
        { variables: { 'vars.room': value } },
      );
      expect(run.port).toBe('error');
      expect(run.channel.operations).toEqual([]);
      expect(run.errors[0]).toMatch(/^name: \{\{vars\.room\}\}/);
    },
  );
});

describe('bridge music on hold class', () => {
  it.each(['default', 'sales_queue-2'])('accepts a class name like %j', (musicOnHoldClass) => {
    expect(bridge.options.safeParse({ name: 'room', musicOnHoldClass }).success).toBe(true);
  });

  it.each(['de fault', 'a/b', 'x&mohClass=y', '', '../etc', 'ü'])('refuses %j', (musicOnHoldClass) => {
    const result = bridge.options.safeParse({ name: 'room', musicOnHoldClass });
    expect(result.error?.issues).toEqual([expect.objectContaining({ path: ['musicOnHoldClass'] })]);
  });
});
