import { starterFlows } from '@callflow/flow';
import { describe, expect, it } from 'vitest';
import { pathOf } from '../harness/CallflowHarness.ts';
import { useCallflow } from '../harness/useCallflow.ts';
import { placeCall } from '../lib/sipp/placeCall.ts';

const businessHours = starterFlows.find((starter) => starter.id === 'business-hours');
if (businessHours === undefined) throw new Error('the business hours starter is missing');
const EXTENSION = '7701';

/** The starter's opening hours, which the fixed clocks below fall inside and outside of. */
const hours = businessHours.document.nodes.find((node) => node.kind === 'timeOfDay');

describe('the “Business hours menu” starter, published as it comes, on Monday 10:30 in London', () => {
  // Monday 23 November 2026, 10:30 UTC: London is on GMT, so inside Monday to Friday 09:00–17:00.
  const harness = useCallflow({ CALLFLOW_FIXED_TIME: '2026-11-23T10:30:00Z' });

  it('open: pressing 2 rings Support; nobody is there, so the caller hears so and the call ends', async () => {
    expect(hours?.options).toMatchObject({
      timeZone: 'Europe/London',
      ranges: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '17:00' }],
    });
    await harness.publish(EXTENSION, businessHours.document, businessHours.title);
    const since = new Date();
    const call = await placeCall({
      extension: EXTENSION,
      // The menu's spoken prompt has begun by then; a digit during it is the choice (barge-in).
      script: [{ pauseMs: 2500 }, { dtmf: '2' }, { pauseMs: 20_000 }],
      expectRemoteHangup: true,
    });
    expect(call.ok, call.errors ?? call.stderr).toBe(true);
    expect(call.hungUpBy).toBe('remote');
    const logged = await harness.waitForCall(EXTENSION, since);
    // Phone 1002 exists in the sandbox's pjsip.conf but no phone is registered to it: unavailable.
    expect(pathOf(logged)).toEqual([
      'start:next',
      'answer:next',
      'hours:open',
      'menu:2',
      'support:unavailable',
      'nobody:next',
      'nobody-hangup:ended',
    ]);
    expect(logged.outcome).toBe('completed');
    expect(logged.steps.find((step) => step.nodeId === 'menu')?.variables).toBe('{"menu.digit":"2"}');
  });
});

describe('the “Business hours menu” starter on Saturday 10:30 in London', () => {
  const harness = useCallflow({ CALLFLOW_FIXED_TIME: '2026-11-28T10:30:00Z' });

  it('closed: the caller hears the opening hours and the call ends', async () => {
    await harness.publish(EXTENSION, businessHours.document, businessHours.title);
    const since = new Date();
    const call = await placeCall({
      extension: EXTENSION,
      script: [{ pauseMs: 20_000 }],
      expectRemoteHangup: true,
    });
    expect(call.ok, call.errors ?? call.stderr).toBe(true);
    expect(pathOf(await harness.waitForCall(EXTENSION, since))).toEqual([
      'start:next',
      'answer:next',
      'hours:closed',
      'closed:next',
      'closed-hangup:ended',
    ]);
  });
});
