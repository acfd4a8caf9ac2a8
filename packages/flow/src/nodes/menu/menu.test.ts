import { describe, expect, it } from 'vitest';
import { FakeChannel } from '../../testing/FakeChannel.ts';
import { runTestNode } from '../../testing/runTestNode.ts';

const menuNode = (options: Record<string, unknown> = {}) => ({
  id: 'main-menu',
  kind: 'menu' as const,
  options: {
    prompts: [{ type: 'sound', name: 'press-1-sales' }],
    choices: [{ digit: '1' }, { digit: '2' }],
    timeoutSeconds: 4,
    retries: 1,
    ...options,
  },
});

describe('menu', () => {
  it('takes the port of the digit pressed', async () => {
    const run = await runTestNode(menuNode(), { channel: new FakeChannel(['2']) });
    expect(run.port).toBe('2');
    expect(run.variables.get('menu.digit')).toBe('2');
    expect(run.channel.operations).toEqual(['play sound:press-1-sales', 'wait 4000']);
  });

  it('plays the invalid notice, re-prompts and accepts a valid retry', async () => {
    const run = await runTestNode(menuNode(), { channel: new FakeChannel(['9', '1']) });
    expect(run.port).toBe('1');
    expect(run.channel.played).toEqual([
      ['sound:press-1-sales'],
      ['sound:pm-invalid-option', 'sound:press-1-sales'],
    ]);
  });

  it("routes to 'invalid' once the retries are used up", async () => {
    const run = await runTestNode(menuNode(), { channel: new FakeChannel(['9', '8']) });
    expect(run.port).toBe('invalid');
  });

  it("routes to 'timeout' when no digit arrives, after re-prompting", async () => {
    const run = await runTestNode(menuNode(), { channel: new FakeChannel([null, null]) });
    expect(run.port).toBe('timeout');
    expect(run.channel.operations.filter((op) => op.startsWith('play'))).toHaveLength(2);
  });

  it('accepts a digit pressed during the prompt when barge-in is on', async () => {
    const channel = new FakeChannel();
    channel.pressDuringNextPrompt('1');
    expect((await runTestNode(menuNode(), { channel })).port).toBe('1');
  });

  it('ignores digits pressed during the prompt when barge-in is off, and waits for one pressed after it', async () => {
    const channel = new FakeChannel(['2']);
    channel.pressDuringNextPrompt('1');
    const run = await runTestNode(menuNode({ bargeIn: false }), { channel });
    expect(run.port).toBe('2');
    expect(run.variables.get('menu.digit')).toBe('2');
    expect(run.channel.operations).toEqual(['play sound:press-1-sales', 'wait 4000']);
    expect(run.channel.interruptible).toEqual([false]);
  });

  it('without re-prompt plays only the notice before a retry', async () => {
    const run = await runTestNode(menuNode({ rePrompt: false }), { channel: new FakeChannel(['7', '2']) });
    expect(run.channel.played).toEqual([['sound:press-1-sales'], ['sound:pm-invalid-option']]);
    expect(run.port).toBe('2');
  });

  it('keeps listening when a prompt fails to play, reporting the error', async () => {
    const channel = new FakeChannel(['1']);
    channel.failing.add('play');
    const run = await runTestNode(menuNode(), { channel });
    expect(run.port).toBe('1');
    expect(run.errors).toEqual(['play refused by the fake Asterisk']);
  });

  it('ends with CallEndedError when the caller hangs up while it waits', async () => {
    await expect(runTestNode(menuNode(), { channel: new FakeChannel(['hangup']) })).rejects.toThrow(
      'hung up',
    );
  });

  it('plays nothing and keeps listening when a prompt value would fetch a URL, naming the prompt', async () => {
    const run = await runTestNode(
      menuNode({
        prompts: [{ type: 'sound', name: 'press-1-sales' }],
        invalidPrompts: [{ type: 'sound', name: '{{vars.notice}}' }],
      }),
      { channel: new FakeChannel(['7', '1']), variables: { 'vars.notice': 'http://127.0.0.1:18081/x' } },
    );
    expect(run.port).toBe('1');
    expect(run.channel.played).toEqual([['sound:press-1-sales']]);
    expect(run.errors).toEqual([
      expect.stringMatching(
        /^invalidPrompts\.0\.name: \{\{vars\.notice\}\} holds "http:\/\/127\.0\.0\.1:18081\/x": ":"/,
      ),
    ]);
  });
});
