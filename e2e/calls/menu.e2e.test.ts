import { beforeAll, describe, expect, it } from 'vitest';
import { pathOf } from '../harness/CallflowHarness.ts';
import { answered, answeredThen, flow, helloMenu, sayDigit } from '../harness/flowBuilder.ts';
import { useCallflow } from '../harness/useCallflow.ts';
import { placeCall } from '../lib/sipp/placeCall.ts';

const menuFlow = flow(
  [
    ...answered,
    helloMenu(['1', '2'], 2, 1),
    sayDigit('sales', '1'),
    sayDigit('support', '2'),
    { id: 'invalid', kind: 'hangup', options: { cause: 'busy' } },
    { id: 'timeout', kind: 'hangup', options: { cause: 'normal' } },
    { id: 'bye', kind: 'hangup' },
  ],
  [
    ...answeredThen('menu'),
    'menu.1 -> sales',
    'menu.2 -> support',
    'menu.invalid -> invalid',
    'menu.timeout -> timeout',
    'sales.next -> bye',
    'support.next -> bye',
  ],
);

describe('menu on a real call', () => {
  const harness = useCallflow();
  beforeAll(() => harness.publish('7101', menuFlow));

  it('takes the branch of the digit pressed', async () => {
    const since = new Date();
    const call = await placeCall({
      extension: '7101',
      script: [{ pauseMs: 1500 }, { dtmf: '2' }],
      expectRemoteHangup: true,
    });
    expect(call.ok, call.errors ?? call.stderr).toBe(true);
    expect(call.hungUpBy).toBe('remote');
    const logged = await harness.waitForCall('7101', since);
    expect(pathOf(logged)).toEqual(['start:next', 'answer:next', 'menu:2', 'support:next', 'bye:ended']);
    expect(logged.outcome).toBe('completed');
    expect(logged.hangupCause).toBe('16 Normal Clearing');
  });

  it('retries after an invalid digit, then takes the invalid port', async () => {
    const since = new Date();
    const call = await placeCall({
      extension: '7101',
      script: [{ pauseMs: 1500 }, { dtmf: '9' }, { pauseMs: 2500 }, { dtmf: '8' }],
      expectRemoteHangup: true,
    });
    expect(call.ok, call.errors ?? call.stderr).toBe(true);
    const logged = await harness.waitForCall('7101', since);
    expect(pathOf(logged)).toEqual(['start:next', 'answer:next', 'menu:invalid', 'invalid:ended']);
    expect(logged.steps[2]?.variables).toBe('{"menu.digit":"8"}');
    // The Hangup node's cause, in Asterisk's words.
    expect(logged.hangupCause).toBe('17 User busy');
  });

  it('accepts a valid digit on the retry', async () => {
    const since = new Date();
    const call = await placeCall({
      extension: '7101',
      script: [{ pauseMs: 1500 }, { dtmf: '7' }, { pauseMs: 2500 }, { dtmf: '1' }],
      expectRemoteHangup: true,
    });
    expect(call.ok, call.errors ?? call.stderr).toBe(true);
    expect(pathOf(await harness.waitForCall('7101', since))).toEqual([
      'start:next',
      'answer:next',
      'menu:1',
      'sales:next',
      'bye:ended',
    ]);
  });

  it('takes the timeout port when the caller stays silent through the retries', async () => {
    const since = new Date();
    const call = await placeCall({
      extension: '7101',
      script: [{ pauseMs: 12_000 }],
      expectRemoteHangup: true,
    });
    expect(call.ok, call.errors ?? call.stderr).toBe(true);
    expect(pathOf(await harness.waitForCall('7101', since))).toEqual([
      'start:next',
      'answer:next',
      'menu:timeout',
      'timeout:ended',
    ]);
  });

  it('ends cleanly when the caller hangs up mid-menu', async () => {
    const since = new Date();
    const call = await placeCall({ extension: '7101', script: [{ pauseMs: 1000 }, { hangup: true }] });
    expect(call.ok, call.errors ?? call.stderr).toBe(true);
    const logged = await harness.waitForCall('7101', since);
    expect(logged.outcome).toBe('caller_hangup');
    // A BYE carries no cause: Asterisk's hangup request has none (its ChannelDestroyed says 0 Unknown).
    expect(logged.hangupCause).toBeNull();
    expect(pathOf(logged)).toEqual(['start:next', 'answer:next', 'menu:(caller hung up)']);
  });
});
