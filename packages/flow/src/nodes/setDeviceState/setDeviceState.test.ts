import { describe, expect, it } from 'vitest';
import { runTestNode } from '../../testing/runTestNode.ts';

describe('setDeviceState', () => {
  it('set device state prefixes Stasis: and refuses other technologies', async () => {
    const run = await runTestNode(
      { id: 's', kind: 'setDeviceState', options: { device: 'queue-{{vars.q}}', state: 'INUSE' } },
      { variables: { 'vars.q': 'sales' } },
    );
    expect(run.channel.operations).toEqual(['setDeviceState Stasis:queue-sales INUSE']);
    await expect(
      runTestNode({ id: 's', kind: 'setDeviceState', options: { device: 'PJSIP/1001', state: 'INUSE' } }),
    ).rejects.toThrow(/Stasis/);
  });
});
