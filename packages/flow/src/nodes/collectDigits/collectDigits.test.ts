import { describe, expect, it } from 'vitest';
import { FakeChannel } from '../../testing/FakeChannel.ts';
import { runTestNode } from '../../testing/runTestNode.ts';

const collect = (options: Record<string, unknown> = {}) => ({
  id: 'account',
  kind: 'collectDigits' as const,
  options: { variable: 'account', minLength: 3, maxLength: 6, ...options },
});

describe('collectDigits', () => {
  it('stops at the terminator and stores the digits', async () => {
    const run = await runTestNode(collect(), { channel: new FakeChannel(['1', '2', '3', '4', '#']) });
    expect(run.port).toBe('next');
    expect(run.variables.get('vars.account')).toBe('1234');
  });

  it('stops at the maximum length', async () => {
    const run = await runTestNode(collect({ maxLength: 3 }), {
      channel: new FakeChannel(['5', '6', '7', '8']),
    });
    expect(run.variables.get('vars.account')).toBe('567');
    expect(run.port).toBe('next');
  });

  it("routes to 'timeout' with fewer digits than the minimum", async () => {
    const run = await runTestNode(collect(), { channel: new FakeChannel(['1', null]) });
    expect(run.port).toBe('timeout');
  });

  it('uses the first-digit timeout, then the inter-digit timeout', async () => {
    const run = await runTestNode(collect({ timeoutSeconds: 7, interDigitTimeoutSeconds: 2 }), {
      channel: new FakeChannel(['1', '2', '3', null]),
    });
    expect(run.channel.operations).toEqual(['wait 7000', 'wait 2000', 'wait 2000', 'wait 2000']);
  });

  it('refuses a minimum above the maximum', async () => {
    await expect(runTestNode(collect({ minLength: 5, maxLength: 2 }))).rejects.toThrow(/minimum length/);
  });
});

describe('collectDigits with a broken prompt', () => {
  it('reports the prompt failure and still collects the digits', async () => {
    const channel = new FakeChannel(['4', '2', '#']);
    channel.failing.add('play');
    const run = await runTestNode(
      {
        id: 'account',
        kind: 'collectDigits',
        options: { variable: 'pin', prompts: [{ type: 'sound', name: 'missing' }] },
      },
      { channel },
    );
    expect(run.port).toBe('next');
    expect(run.variables.get('vars.pin')).toBe('42');
    expect(run.errors).toEqual(['play refused by the fake Asterisk']);
  });

  it('plays nothing but still listens when a prompt value does not fit', async () => {
    const run = await runTestNode(collect({ prompts: [{ type: 'digits', value: '{{vars.account}}' }] }), {
      channel: new FakeChannel(['1', '2', '3', '#']),
      variables: { 'vars.account': '1,sound:x' },
    });
    expect(run.channel.played).toEqual([]);
    expect(run.port).toBe('next');
    expect(run.errors[0]).toMatch(/^prompts\.0\.value: /);
  });
});
