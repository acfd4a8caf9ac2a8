import { describe, expect, it } from 'vitest';
import { FakeChannel } from '../../testing/FakeChannel.ts';
import { runTestNode } from '../../testing/runTestNode.ts';

describe('record', () => {
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

  it('record rejects an unknown option when parsing', async () => {
    await expect(
      runTestNode({ id: 'r', kind: 'record', options: { maxDurationSecond: 30 } }),
    ).rejects.toThrow(/Unrecognized key.*\bmaxDurationSecond\b/);
  });
});
