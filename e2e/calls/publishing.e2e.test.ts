import { describe, expect, it } from 'vitest';
import { pathOf } from '../harness/CallflowHarness.ts';
import { flow } from '../harness/flowBuilder.ts';
import { useCallflow } from '../harness/useCallflow.ts';
import { placeCall } from '../support/sipp.ts';

/** Answers, plays `digit` long enough to overlap a publish, then hangs up. */
const versionFlow = (digit: string) =>
  flow(
    [
      { id: 'start', kind: 'start' },
      { id: 'answer', kind: 'answer' },
      { id: `v${digit}`, kind: 'play', options: { prompts: [{ type: 'digits', value: digit }] } },
      { id: 'wait', kind: 'collectDigits', options: { variable: 'x', timeoutSeconds: 3 } },
      { id: 'bye', kind: 'hangup' },
    ],
    [
      'start.next -> answer',
      `answer.next -> v${digit}`,
      `v${digit}.next -> wait`,
      'wait.timeout -> bye',
      'wait.next -> bye',
    ],
  );

describe('publishing while calls run', () => {
  const harness = useCallflow();

  it('keeps a call on its version, switches new calls, rejects after unpublish, leaves other extensions alone', async () => {
    const firstVersion = await harness.publish('7701', versionFlow('1'));
    await harness.publish('7702', versionFlow('7'));

    const since = new Date();
    const inProgress = placeCall({
      extension: '7701',
      script: [{ pauseMs: 10_000 }],
      expectRemoteHangup: true,
    });
    const other = placeCall({ extension: '7702', script: [{ pauseMs: 10_000 }], expectRemoteHangup: true });
    await harness.waitUntil(
      async () =>
        (await harness.db.prisma.call.count({ where: { extension: '7701', startedAt: { gte: since } } })) > 0,
      5000,
      'the first call to start',
    );

    const secondVersion = await harness.publish('7701', versionFlow('2'));
    const afterRepublish = new Date();
    const newCall = await placeCall({
      extension: '7701',
      script: [{ pauseMs: 10_000 }],
      expectRemoteHangup: true,
    });
    expect(newCall.ok, newCall.errors ?? newCall.stderr).toBe(true);

    const first = await harness.waitForCall('7701', since);
    expect(first.flowVersionId).toBe(firstVersion);
    expect(pathOf(first)).toContain('v1:next');
    expect((await inProgress).ok).toBe(true);

    const second = await harness.waitForCall('7701', afterRepublish);
    expect(second.flowVersionId).toBe(secondVersion);
    expect(pathOf(second)).toContain('v2:next');

    const unpublishedAt = new Date();
    await harness.unpublish('7701');
    await harness.waitForRuntimeEvent('unpublished', '7701', unpublishedAt);
    const rejected = await placeCall({ extension: '7701', expectReject: 404 });
    expect(rejected.finalStatus).toBe(404);
    expect(rejected.ok, rejected.errors ?? rejected.stderr).toBe(true);
    await harness.waitForApp('7701', false);

    const otherCall = await other;
    expect(otherCall.ok).toBe(true);
    expect(pathOf(await harness.waitForCall('7702', since))).toEqual([
      'start:next',
      'answer:next',
      'v7:next',
      'wait:timeout',
      'bye:ended',
    ]);
  });

  it('rejects a call while an unpublished extension still drains a call in progress', async () => {
    await harness.publish('7703', versionFlow('3'));
    const since = new Date();
    const draining = placeCall({
      extension: '7703',
      script: [{ pauseMs: 10_000 }],
      expectRemoteHangup: true,
    });
    await harness.waitUntil(
      async () =>
        (await harness.db.prisma.call.count({ where: { extension: '7703', startedAt: { gte: since } } })) > 0,
      5000,
      'the call to start',
    );
    const unpublishedAt = new Date();
    await harness.unpublish('7703');
    await harness.waitForRuntimeEvent('unpublished', '7703', unpublishedAt);
    await harness.waitForApp('7703', true, 100);
    const rejected = await placeCall({ extension: '7703', expectReject: 404 });
    expect(rejected.finalStatus).toBe(404);
    expect((await draining).ok).toBe(true);
    expect((await harness.waitForCall('7703', since)).outcome).toBe('completed');
    await harness.waitForApp('7703', false);
  });
});
