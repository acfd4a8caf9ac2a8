import { describe, expect, it } from 'vitest';
import { FakeChannel } from '../../testing/FakeChannel.ts';
import { runTestNode } from '../../testing/runTestNode.ts';

describe('record', () => {
  it('record stores the recording name in its variable before recording', async () => {
    const run = await runTestNode(
      {
        id: 'r',
        kind: 'record',
        options: { nameTemplate: 'vm/{{caller.number}}/{{call.channelId}}', variable: 'voicemail' },
      },
      { variables: { 'caller.number': '331001', 'call.channelId': '1700000000.12' } },
    );
    expect(run.variables.get('vars.voicemail')).toBe('vm/331001/1700000000.12');
    expect(run.channel.operations).toEqual(['record vm/331001/1700000000.12']);
  });

  it.each(['../x', '..', 'a b', 'x:y', 'a\u0000', '/abs', 'é', '+33'])(
    "takes 'error' and records nothing when a value would change the name: %j",
    async (value) => {
      const run = await runTestNode(
        { id: 'r', kind: 'record', options: { nameTemplate: 'vm/{{vars.box}}', variable: 'voicemail' } },
        { variables: { 'vars.box': value } },
      );
      expect(run.port).toBe('error');
      expect(run.channel.operations).toEqual([]);
      expect(run.variables.get('vars.voicemail')).toBeUndefined();
      expect(run.errors[0]).toMatch(/^nameTemplate: /);
    },
  );

  it.each(['vm/{{caller.number}} ../x', '../{{call.id}}', '/tmp/{{call.id}}', 'http://x/{{call.id}}'])(
    'refuses a file name the author wrote that is not a plain recording name: %j',
    async (nameTemplate) => {
      await expect(runTestNode({ id: 'r', kind: 'record', options: { nameTemplate } })).rejects.toThrow(
        /recording name/,
      );
    },
  );

  it("record takes 'error' when recording fails", async () => {
    const channel = new FakeChannel();
    channel.failing.add('record');
    expect((await runTestNode({ id: 'r', kind: 'record', options: {} }, { channel })).port).toBe('error');
  });

  it('record rejects an unknown option when parsing', async () => {
    await expect(
      runTestNode({ id: 'r', kind: 'record', options: { maxDurationSecond: 30 } }),
    ).rejects.toThrow(/Unrecognized key.*\bmaxDurationSecond\b/);
  });
});
