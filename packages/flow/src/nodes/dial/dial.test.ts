import { describe, expect, it } from 'vitest';
import { FakeChannel } from '../../testing/FakeChannel.ts';
import { runTestNode } from '../../testing/runTestNode.ts';

describe('dial', () => {
  it.each(['answered', 'busy', 'noanswer', 'unavailable', 'failed'] as const)(
    'dial takes the %s port and sets dial.status',
    async (outcome) => {
      const channel = new FakeChannel();
      channel.dialOutcome = outcome;
      const run = await runTestNode(
        { id: 'd', kind: 'dial', options: { endpoint: 'PJSIP/{{vars.agent}}' } },
        { channel, variables: { 'vars.agent': '1002' } },
      );
      expect(run.port).toBe(outcome);
      expect(run.variables.get('dial.status')).toBe(outcome);
      expect(run.channel.operations).toEqual(['dial PJSIP/1002']);
    },
  );

  it("dial takes 'failed' when the endpoint renders to something undialable", async () => {
    const run = await runTestNode({ id: 'd', kind: 'dial', options: { endpoint: 'PJSIP/{{vars.none}}' } });
    expect(run.port).toBe('failed');
    expect(run.errors[0]).toMatch(/cannot be dialed/);
  });

  it.each([
    '1001/sip:+4490123456@carrier',
    '1001@carrier',
    'sip:+4490123456',
    '1001&PJSIP/1002',
    '1001,30',
    '10 01',
    '1001\n',
  ])("takes 'failed' and dials nothing when a value would change the endpoint: %j", async (value) => {
    const run = await runTestNode(
      { id: 'd', kind: 'dial', options: { endpoint: 'PJSIP/{{vars.agent}}' } },
      { variables: { 'vars.agent': value } },
    );
    expect(run.port).toBe('failed');
    expect(run.channel.operations).toEqual([]);
    expect(run.errors[0]).toMatch(/^endpoint: \{\{vars\.agent\}\} holds/);
  });

  it('keeps the literal text the author wrote, checking only the substituted value', async () => {
    const run = await runTestNode(
      { id: 'd', kind: 'dial', options: { endpoint: 'PJSIP/{{vars.agent}}@trunk' } },
      { variables: { 'vars.agent': '+4930123' } },
    );
    expect(run.channel.operations).toEqual(['dial PJSIP/+4930123@trunk']);
  });

  it.each(['"Boss" <666>', 'x<sip:evil>', 'a\r\nb', '1'.repeat(81)])(
    "takes 'failed' when a caller ID value holds markup or control characters: %j",
    async (value) => {
      const run = await runTestNode(
        { id: 'd', kind: 'dial', options: { endpoint: 'PJSIP/1001', callerId: '{{caller.name}}' } },
        { variables: { 'caller.name': value } },
      );
      expect(run.port).toBe('failed');
      expect(run.channel.operations).toEqual([]);
      expect(run.errors[0]).toMatch(/^callerId: /);
    },
  );

  it('refuses markup in a caller ID the author wrote', async () => {
    await expect(
      runTestNode({ id: 'd', kind: 'dial', options: { endpoint: 'PJSIP/1', callerId: 'Boss <666>' } }),
    ).rejects.toThrow(/caller ID/);
  });
});
