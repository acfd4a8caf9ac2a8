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

  it.each(['sales:x', 'a&b', 'x/y', 'a b', '\u0000', 'é'])(
    "takes 'error' and sets nothing when a value would change the device name: %j",
    async (value) => {
      const run = await runTestNode(
        { id: 's', kind: 'setDeviceState', options: { device: 'queue-{{vars.q}}', state: 'INUSE' } },
        { variables: { 'vars.q': value } },
      );
      expect(run.port).toBe('error');
      expect(run.channel.operations).toEqual([]);
      expect(run.errors[0]).toMatch(/^device: \{\{vars\.q\}\} holds/);
    },
  );

  it.each(['{{vars.q}}Stasis:x', 'queue x', 'Stasis:a/b', 'Stasis:a:b'])(
    'refuses a device the author wrote that is not one Stasis name: %j',
    async (device) => {
      await expect(
        runTestNode({ id: 's', kind: 'setDeviceState', options: { device, state: 'INUSE' } }),
      ).rejects.toThrow(/Stasis:/);
    },
  );
});
