// The runtime's limits on real calls: a call beyond the limit per extension is refused before it is
// answered (SIP 486), a call past its length is hung up, and an answered dial past its time in a
// bridge ends both legs. After each test Asterisk holds nothing from the calls (useCallflow checks).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pathOf } from '../harness/CallflowHarness.ts';
import { flow } from '../harness/flowBuilder.ts';
import { holdFlow } from '../harness/holdCalls.ts';
import { useCallflow } from '../harness/useCallflow.ts';
import { type Callee, startCallee } from '../lib/sipp/callee.ts';
import { placeCall } from '../lib/sipp/placeCall.ts';

const maxCallSeconds = 6;
const maxBridgeSeconds = 3;

/** The caller is put through to a callee that answers and never hangs up. */
const dialFlow = flow(
  [
    { id: 'start', kind: 'start' },
    { id: 'answer', kind: 'answer' },
    { id: 'dial', kind: 'dial', options: { endpoint: 'PJSIP/callee-answer', timeoutSeconds: 10 } },
    { id: 'bye', kind: 'hangup' },
  ],
  [
    'start.next -> answer',
    'answer.next -> dial',
    ...['answered', 'busy', 'noanswer', 'unavailable', 'failed'].map((port) => `dial.${port} -> bye`),
  ],
);

describe('limits on real calls', () => {
  const harness = useCallflow({
    CALLFLOW_MAX_CALLS_PER_EXTENSION: '1',
    CALLFLOW_MAX_CALL_SECONDS: String(maxCallSeconds),
    CALLFLOW_MAX_BRIDGE_SECONDS: String(maxBridgeSeconds),
  });
  let callee: Callee;

  beforeAll(async () => {
    callee = await startCallee('answer');
    await harness.publish('7901', holdFlow);
    await harness.publish('7902', holdFlow);
    await harness.publish('7903', dialFlow);
  });
  afterAll(async () => {
    await callee.stop();
  });

  const callsSince = (extension: string, since: Date) =>
    harness.db.prisma.call.findMany({
      where: { extension, startedAt: { gte: since } },
      orderBy: { startedAt: 'asc' },
    });

  it('refuses a second call to an extension holding its one allowed call with SIP 486, before answering, and logs it', async () => {
    const since = new Date();
    const first = placeCall({ extension: '7901', script: [{ pauseMs: 3000 }] });
    await harness.waitUntil(
      async () => (await callsSince('7901', since)).length === 1,
      5000,
      'the first call to start',
    );
    const refused = await placeCall({ extension: '7901', expectReject: 486 });
    expect(refused.finalStatus).toBe(486);
    expect(refused.ok, refused.errors ?? refused.stderr).toBe(true);
    expect((await first).ok).toBe(true);

    expect((await harness.waitForCall('7901', since)).outcome).toBe('caller_hangup');
    const rejected = (await callsSince('7901', since))[1];
    expect(rejected).toMatchObject({
      outcome: 'rejected',
      hangupCause: '17 User busy',
      stepCount: 0,
      error:
        'refused before answering: extension 7901 already has 1 call in progress, the most CALLFLOW_MAX_CALLS_PER_EXTENSION allows',
    });
    expect(harness.runtimeOutput).toMatch(
      /WARN .*refused a call .*reason=calls_per_extension extension=7901/,
    );

    // The place is free again once the first call has ended.
    const afterwards = await placeCall({ extension: '7901', script: [{ pauseMs: 500 }] });
    expect(afterwards.finalStatus).toBe(200);
    expect(afterwards.ok).toBe(true);
  });

  it('hangs up a call that reaches CALLFLOW_MAX_CALL_SECONDS and logs why', async () => {
    const since = new Date();
    const call = await placeCall({
      extension: '7902',
      script: [{ pauseMs: 30_000 }],
      expectRemoteHangup: true,
    });
    expect(call.ok, call.errors ?? call.stderr).toBe(true);
    expect(call.hungUpBy).toBe('remote');
    const logged = await harness.waitForCall('7902', since);
    const reason = `the call reached ${maxCallSeconds} s, the most CALLFLOW_MAX_CALL_SECONDS allows: the runtime hung it up`;
    expect(logged).toMatchObject({ outcome: 'time_limit', error: reason });
    expect(pathOf(logged)).toEqual(['start:next', 'answer:next', `menu:(${reason})`]);
    const row = await harness.db.prisma.call.findUniqueOrThrow({ where: { id: logged.id } });
    expect((row.endedAt?.getTime() ?? 0) - row.startedAt.getTime()).toBeGreaterThanOrEqual(
      maxCallSeconds * 1000 - 100,
    );
  });

  it('ends both legs of an answered dial that reaches CALLFLOW_MAX_BRIDGE_SECONDS and logs why', async () => {
    const since = new Date();
    const byes = async () =>
      (await callee.messages()).filter((m) => m.direction === 'received' && m.firstLine.startsWith('BYE '))
        .length;
    const byesBefore = await byes();
    const call = await placeCall({
      extension: '7903',
      script: [{ pauseMs: 30_000 }],
      expectRemoteHangup: true,
    });
    expect(call.ok, call.errors ?? call.stderr).toBe(true);
    expect(call.hungUpBy).toBe('remote');
    const logged = await harness.waitForCall('7903', since);
    const reason = `the caller was in the answered call to PJSIP/callee-answer for ${maxBridgeSeconds} s, the most CALLFLOW_MAX_BRIDGE_SECONDS allows: the runtime ended the call`;
    expect(logged).toMatchObject({ outcome: 'time_limit', error: reason });
    expect(pathOf(logged)).toEqual(['start:next', 'answer:next', `dial:(${reason})`]);
    await harness.waitUntil(async () => (await byes()) > byesBefore, 5000, 'the callee to be hung up');
  });

  // Whichever comes first, the caller's BYE or the limit, the call leaves nothing in Asterisk.
  it.each([2800, 3200, 3600])(
    'leaves nothing behind when the caller hangs up %i ms after the answer, around the bridge limit',
    async (hangupAfterMs) => {
      const since = new Date();
      const call = await placeCall({ extension: '7903', script: [{ pauseMs: hangupAfterMs }] });
      expect(call.finalStatus).toBe(200);
      const logged = await harness.waitForCall('7903', since);
      expect(['caller_hangup', 'time_limit']).toContain(logged.outcome);
    },
  );
});
