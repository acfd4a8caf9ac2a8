import { describe, expect, it } from 'vitest';
import { pathOf } from '../harness/CallflowHarness.ts';
import { flow } from '../harness/flowBuilder.ts';
import { useAriObserver } from '../harness/useAriObserver.ts';
import { useCallflow } from '../harness/useCallflow.ts';
import { placeCall } from '../lib/sipp/placeCall.ts';

/**
 * Answers, plays `digit`, waits long enough to overlap a publish, then plays `afterDigit` from a node
 * of its own and hangs up: versions differ in the nodes after the wait, so a call switched to another
 * version mid-way takes another path and Asterisk plays another digit.
 */
const versionFlow = (digit: string, afterDigit: string) =>
  flow(
    [
      { id: 'start', kind: 'start' },
      { id: 'answer', kind: 'answer' },
      { id: `v${digit}`, kind: 'play', options: { prompts: [{ type: 'digits', value: digit }] } },
      { id: 'wait', kind: 'collectDigits', options: { variable: 'x', timeoutSeconds: 4 } },
      {
        id: `after${afterDigit}`,
        kind: 'play',
        options: { prompts: [{ type: 'digits', value: afterDigit }] },
      },
      { id: `bye${digit}`, kind: 'hangup' },
    ],
    [
      'start.next -> answer',
      `answer.next -> v${digit}`,
      `v${digit}.next -> wait`,
      `wait.timeout -> after${afterDigit}`,
      `wait.next -> after${afterDigit}`,
      `after${afterDigit}.next -> bye${digit}`,
    ],
  );

const pathThrough = (digit: string, afterDigit: string) => [
  'start:next',
  'answer:next',
  `v${digit}:next`,
  'wait:timeout',
  `after${afterDigit}:next`,
  `bye${digit}:ended`,
];

describe('publishing while calls run', () => {
  const harness = useCallflow();
  const asterisk = useAriObserver();

  it('keeps a call on its version, switches new calls, rejects after unpublish, leaves other extensions alone', async () => {
    const firstVersion = await harness.publish('7701', versionFlow('1', '4'));
    await harness.publish('7702', versionFlow('7', '8'));

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

    const secondVersion = await harness.publish('7701', versionFlow('2', '5'));
    const afterRepublish = new Date();
    // harness.publish returns once the runtime applied version 2: it does so while the first call is
    // still in its wait, before the nodes where the versions differ.
    const running = await harness.db.prisma.call.findFirst({
      where: { extension: '7701', startedAt: { gte: since } },
    });
    expect(running, 'the first call in the call log').not.toBeNull();
    expect(running?.endedAt, 'the first call was still running when version 2 was applied').toBeNull();
    // Its latest position (written with the call log's batches, so possibly a node behind).
    expect(['answer', 'v1', 'wait']).toContain(running?.currentNodeId);
    const newCall = await placeCall({
      extension: '7701',
      script: [{ pauseMs: 10_000 }],
      expectRemoteHangup: true,
    });
    expect(newCall.ok, newCall.errors ?? newCall.stderr).toBe(true);

    const first = await harness.waitForCall('7701', since);
    expect(first.flowVersionId).toBe(firstVersion);
    expect(pathOf(first)).toEqual(pathThrough('1', '4'));
    expect(first.outcome).toBe('completed');
    expect(asterisk.current.mediaPlayedTo(first.channelId)).toEqual(['digits:1', 'digits:4']);
    expect((await inProgress).ok).toBe(true);

    const second = await harness.waitForCall('7701', afterRepublish);
    expect(second.flowVersionId).toBe(secondVersion);
    expect(pathOf(second)).toEqual(pathThrough('2', '5'));
    expect(second.outcome).toBe('completed');
    expect(asterisk.current.mediaPlayedTo(second.channelId)).toEqual(['digits:2', 'digits:5']);

    const unpublishedAt = new Date();
    await harness.unpublish('7701');
    await harness.waitForRuntimeEvent('unpublished', '7701', unpublishedAt);
    const rejected = await placeCall({ extension: '7701', expectReject: 404 });
    expect(rejected.finalStatus).toBe(404);
    expect(rejected.ok, rejected.errors ?? rejected.stderr).toBe(true);
    await harness.waitForApp('7701', false);

    const otherCall = await other;
    expect(otherCall.ok).toBe(true);
    const otherLogged = await harness.waitForCall('7702', since);
    expect(pathOf(otherLogged)).toEqual(pathThrough('7', '8'));
    expect(asterisk.current.mediaPlayedTo(otherLogged.channelId)).toEqual(['digits:7', 'digits:8']);
  });

  it('rejects a call while an unpublished extension still drains a call in progress', async () => {
    await harness.publish('7703', versionFlow('3', '6'));
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
    const drained = await harness.waitForCall('7703', since);
    expect(drained.outcome).toBe('completed');
    expect(pathOf(drained)).toEqual(pathThrough('3', '6'));
    await harness.waitForApp('7703', false);
  });
});
