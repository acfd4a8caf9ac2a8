// The flow's On error path on real calls: a Play of a sound Asterisk does not have fails, its own
// "Failed" outcome is not connected, and the call goes where Start's "On error" leads. A failure
// inside that path ends the call (no loop), and a caller hanging up in it leaves nothing behind.

import { beforeAll, describe, expect, it } from 'vitest';
import { pathOf } from '../harness/CallflowHarness.ts';
import { answered, answeredThen, flow, onErrorPath, sound } from '../harness/flowBuilder.ts';
import { useAriObserver } from '../harness/useAriObserver.ts';
import { useCallflow } from '../harness/useCallflow.ts';
import type { AriObserver } from '../lib/AriObserver.ts';
import { placeCall } from '../lib/sipp/placeCall.ts';

const missingSound = 'no-such-sound-for-the-error-path';
/** A Play `id` of a sound Asterisk does not have, its "Failed" outcome left unconnected. */
const failingPlay = (id: string) => ({ id, kind: 'play', options: { prompts: [sound(missingSound)] } });
const bye = { id: 'bye', kind: 'hangup' };
const noted = { id: 'noted', kind: 'setVariable', options: { name: 'failure', value: 'play' } };

const extensions = { recovers: '7641', failsAgain: '7642', hangsUp: '7643' };

describe("the flow's On error path on real calls", () => {
  const harness = useCallflow();
  const asterisk = useAriObserver();

  beforeAll(async () => {
    // Start → Answer → a Play that fails → (not reached) Hang up; On error: note it, "I'm sorry", Hang up.
    const recovers = onErrorPath([noted, ...onErrorPath().nodes]);
    await harness.publish(
      extensions.recovers,
      flow(
        [...answered, failingPlay('greet'), bye, ...recovers.nodes],
        [...answeredThen('greet'), 'greet.next -> bye', ...recovers.wires],
      ),
      'error-path-recovers',
    );
    // The On error path itself begins with a Play that fails, its own "Failed" outcome unconnected.
    const failsAgain = onErrorPath([failingPlay('sorry-missing'), bye]);
    await harness.publish(
      extensions.failsAgain,
      flow(
        [...answered, failingPlay('greet'), ...failsAgain.nodes],
        [...answeredThen('greet'), 'greet.next -> bye', ...failsAgain.wires],
      ),
      'error-path-fails-again',
    );
    // The On error path plays a ring tone until the caller hangs up.
    const holds = onErrorPath([
      { id: 'ringing', kind: 'play', options: { prompts: [{ type: 'tone', value: 'ring' }] } },
      bye,
    ]);
    await harness.publish(
      extensions.hangsUp,
      flow(
        [...answered, failingPlay('greet'), ...holds.nodes],
        [...answeredThen('greet'), 'greet.next -> bye', ...holds.wires],
      ),
      'error-path-hang-up',
    );
  });

  it('goes to the On error path when a sound is missing, logging the failed step with its error port', async () => {
    const since = new Date();
    const call = await placeCall({
      extension: extensions.recovers,
      script: [{ pauseMs: 10_000 }],
      expectRemoteHangup: true,
    });
    expect(call.ok, call.errors ?? call.stderr).toBe(true);
    const logged = await harness.waitForCall(extensions.recovers, since);
    expect(logged.outcome).toBe('completed');
    expect(pathOf(logged)).toEqual([
      'start:next',
      'answer:next',
      'greet:error',
      'noted:next',
      'sorry:next',
      'sorry-bye:ended',
    ]);
    expect(logged.steps[2]?.error).toMatch(new RegExp(`could not play sound:${missingSound}`));
    expect(JSON.parse(logged.steps[3]?.variables ?? '{}')).toEqual({ 'vars.failure': 'play' });
    // What Asterisk itself played: the missing sound it tried, then the On error path's apology.
    expect(asterisk.current.mediaPlayedTo(logged.channelId)).toEqual([
      `sound:${missingSound}`,
      'sound:im-sorry',
    ]);
    await expectNothingLeft(harness, asterisk.current);
  });

  it('ends the call when a step of the On error path fails too, instead of going round again', async () => {
    const since = new Date();
    const call = await placeCall({
      extension: extensions.failsAgain,
      script: [{ pauseMs: 10_000 }],
      expectRemoteHangup: true,
    });
    expect(call.ok, call.errors ?? call.stderr).toBe(true);
    const logged = await harness.waitForCall(extensions.failsAgain, since);
    expect(logged.outcome).toBe('completed');
    expect(pathOf(logged)).toEqual(['start:next', 'answer:next', 'greet:error', 'sorry-missing:error']);
    expect(asterisk.current.mediaPlayedTo(logged.channelId)).toEqual([
      `sound:${missingSound}`,
      `sound:${missingSound}`,
    ]);
    await expectNothingLeft(harness, asterisk.current);
  });

  it('leaves nothing in Asterisk when the caller hangs up inside the On error path', async () => {
    const since = new Date();
    const call = await placeCall({
      extension: extensions.hangsUp,
      script: [{ pauseMs: 3000 }, { hangup: true }],
    });
    expect(call.ok, call.errors ?? call.stderr).toBe(true);
    expect(call.hungUpBy).toBe('caller');
    const logged = await harness.waitForCall(extensions.hangsUp, since);
    expect(logged.outcome).toBe('caller_hangup');
    expect(pathOf(logged)).toEqual(['start:next', 'answer:next', 'greet:error', 'ringing:(caller hung up)']);
    // The ring tone was playing when the caller left.
    expect(asterisk.current.mediaPlayedTo(logged.channelId)).toEqual([`sound:${missingSound}`, 'tone:ring']);
    await expectNothingLeft(harness, asterisk.current);
  });
});

/** Every channel, bridge, playback and recording the call had is gone from Asterisk (within 5 s). */
async function expectNothingLeft(
  harness: { waitUntil(check: () => Promise<boolean>, ms: number, what: string): Promise<void> },
  observer: AriObserver,
): Promise<void> {
  let left = await observer.stillThere();
  await harness
    .waitUntil(
      async () => {
        left = await observer.stillThere();
        return Object.values(left).every((ids) => ids.length === 0);
      },
      5000,
      'nothing left from the call',
    )
    .catch(() => undefined);
  expect(left).toEqual({ channels: [], bridges: [], playbacks: [], liveRecordings: [] });
}
