import { describe, expect, it } from 'vitest';
import { FakeChannel } from '../testing/FakeChannel.ts';
import { runTestNode } from '../testing/runTestNode.ts';

describe('answer, play, record, bridge, dial, device state, set variable, hangup', () => {
  it('answer answers the channel', async () => {
    const run = await runTestNode({ id: 'a', kind: 'answer', options: {} });
    expect(run.channel.operations).toEqual(['answer']);
  });

  it('play renders templates into media URIs in order', async () => {
    const run = await runTestNode(
      {
        id: 'p',
        kind: 'play',
        options: {
          prompts: [
            { type: 'sound', name: 'hello-world' },
            { type: 'digits', value: '{{caller.number}}' },
            { type: 'recording', name: '{{vars.none}}' },
            { type: 'tone', value: 'ring' },
          ],
        },
      },
      { variables: { 'caller.number': '1001' } },
    );
    expect(run.channel.played).toEqual([['sound:hello-world', 'digits:1001', 'tone:ring']]);
    expect(run.port).toBe('next');
  });

  it("play takes 'error' when Asterisk refuses the playback", async () => {
    const channel = new FakeChannel();
    channel.failing.add('play');
    const run = await runTestNode(
      { id: 'p', kind: 'play', options: { prompts: [{ type: 'sound', name: 'x' }] } },
      { channel },
    );
    expect(run.port).toBe('error');
    expect(run.errors).toHaveLength(1);
  });

  it('record stores a safe recording name in its variable before recording', async () => {
    const run = await runTestNode(
      {
        id: 'r',
        kind: 'record',
        options: { nameTemplate: 'vm/{{caller.number}} ../x', variable: 'voicemail' },
      },
      { variables: { 'caller.number': '1001' } },
    );
    expect(run.variables.get('vars.voicemail')).toBe('vm/1001__/x');
    expect(run.channel.operations).toEqual(['record vm/1001__/x']);
  });

  it("record takes 'error' when recording fails", async () => {
    const channel = new FakeChannel();
    channel.failing.add('record');
    expect((await runTestNode({ id: 'r', kind: 'record', options: {} }, { channel })).port).toBe('error');
  });

  it('bridge joins the rendered bridge name', async () => {
    const run = await runTestNode(
      { id: 'b', kind: 'bridge', options: { name: 'room-{{vars.room}}' } },
      { variables: { 'vars.room': '7' } },
    );
    expect(run.channel.operations).toEqual(['bridge room-7']);
    expect(run.port).toBe('next');
  });

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

  it('set variable renders its value', async () => {
    const run = await runTestNode(
      { id: 'v', kind: 'setVariable', options: { name: 'greeting', value: 'hi {{caller.name}}' } },
      { variables: { 'caller.name': 'Ann' } },
    );
    expect(run.variables.get('vars.greeting')).toBe('hi Ann');
    expect(run.variables.takeChanges()).toEqual({ 'vars.greeting': 'hi Ann' });
  });

  it('hangup hangs up with its cause', async () => {
    const run = await runTestNode({ id: 'h', kind: 'hangup', options: { cause: 'busy' } });
    expect(run.channel.operations).toEqual(['hangup busy']);
  });
});
