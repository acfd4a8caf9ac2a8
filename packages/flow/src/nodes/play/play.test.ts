import { describe, expect, it } from 'vitest';
import { FakeChannel } from '../../testing/FakeChannel.ts';
import { runTestNode } from '../../testing/runTestNode.ts';

describe('play', () => {
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
            // A comma would split the media list of the ARI request.
            { type: 'characters', value: '{{vars.code}}' },
          ],
        },
      },
      { variables: { 'caller.number': '1001', 'vars.code': 'A,B' } },
    );
    expect(run.channel.played).toEqual([['sound:hello-world', 'digits:1001', 'tone:ring', 'characters:AB']]);
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
});
