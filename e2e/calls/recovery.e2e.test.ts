// Crash recovery on a real Asterisk: Asterisk killed with 20 calls in flows, the runtime killed with
// 20 calls in flows, and two Asterisk servers of which one dies mid-test.
//
// Killing Asterisk happens on an extra sandbox instance that this file starts on ports of its own
// (SandboxInstance), so the instance the rest of the suite uses is never disturbed; the runtime-kill
// test and the first of the two servers use the suite's instance (ensureSandbox, placeCall's default
// SIP target).

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CallflowHarness, pathOf } from '../harness/CallflowHarness.ts';
import { flow, sound } from '../harness/flowBuilder.ts';
import { holdCalls, holdFlow, waitInMenu } from '../harness/holdCalls.ts';
import { SandboxInstance } from '../lib/SandboxInstance.ts';
import { type AriConfig, ariRequest, ensureSandbox } from '../lib/sandbox.ts';
import { placeCall } from '../lib/sipp/placeCall.ts';
import { timedAsteriskStart } from '../lib/timedAsteriskStart.ts';
import { waitFor } from '../lib/waitFor.ts';

/** Answers, plays a prompt and hangs up: a call that is served end to end. */
const quickFlow = flow(
  [
    { id: 'start', kind: 'start' },
    { id: 'answer', kind: 'answer' },
    { id: 'play', kind: 'play', options: { prompts: [sound('hello-world')] } },
    { id: 'bye', kind: 'hangup' },
  ],
  ['start.next -> answer', 'answer.next -> play', 'play.next -> bye'],
);

const QUICK_PATH = ['start:next', 'answer:next', 'play:next', 'bye:ended'];
const CONCURRENT_CALLS = 20;
/**
 * How long recovery may take before a test gives up: generous, since these tests check that it
 * happens; how fast it happens is measured by `npm run bench:recovery` (BENCHMARKS.md).
 */
const RECOVERY_WAIT_MS = 30_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Named {
  id: string;
  name: string;
}

async function channelsOn(ari: AriConfig): Promise<Named[]> {
  return ariRequest<Named[]>('GET', '/channels', { config: ari });
}

async function appNamesOn(ari: AriConfig): Promise<string[]> {
  const apps = await ariRequest<Named[]>('GET', '/applications', { config: ari });
  return apps.map((app) => app.name);
}

async function appChannelIds(ari: AriConfig, app: string): Promise<string[]> {
  const found = await ariRequest<{ channel_ids: string[] }>('GET', `/applications/${app}`, { config: ari });
  return found.channel_ids;
}

/** Fails the test if an Asterisk still has channels or bridges a few seconds after a test. */
async function expectIdle(ari: AriConfig): Promise<void> {
  let left: { channels: Named[]; bridges: Named[] } = { channels: [], bridges: [] };
  const idle = async () => {
    const [channels, bridges] = await Promise.all([
      channelsOn(ari),
      ariRequest<Named[]>('GET', '/bridges', { config: ari }),
    ]);
    left = { channels, bridges };
    return channels.length === 0 && bridges.length === 0;
  };
  await waitFor(idle, 8_000, () => `no channels and bridges left: ${JSON.stringify(left)}`).catch(() => {});
  expect(left, `channels and bridges left in ${ari.ariUrl}`).toEqual({ channels: [], bridges: [] });
}

function callsOf(harness: CallflowHarness, callers: string[]) {
  return harness.db.prisma.call.findMany({
    where: { callerNumber: { in: callers } },
    orderBy: { callerNumber: 'asc' },
    include: { steps: { orderBy: { seq: 'asc' } } },
  });
}

/** Waits until every one of these callers' calls has ended in the call log, and returns them. */
async function waitEnded(harness: CallflowHarness, callers: string[], timeoutMs: number) {
  let ended = 0;
  await waitFor(
    async () => {
      ended = await harness.db.prisma.call.count({
        where: { callerNumber: { in: callers }, endedAt: { not: null } },
      });
      return ended === callers.length;
    },
    timeoutMs,
    () => `${callers.length} calls to end in the call log (${ended} so far)`,
    harness,
  );
  return callsOf(harness, callers);
}

/** One call through the quick flow, and its call log row. */
async function quickCall(harness: CallflowHarness, extension: string, caller: string, target?: string) {
  const result = await placeCall({
    extension,
    from: caller,
    name: `recovery-${caller}`,
    expectRemoteHangup: true,
    ...(target !== undefined ? { target } : {}),
  });
  expect(result.ok, `call from ${caller} to ${extension}: ${result.errors ?? result.stderr}`).toBe(true);
  const [logged] = await waitEnded(harness, [caller], 10_000);
  if (logged === undefined) throw new Error(`no call log row for ${caller}`);
  return logged;
}

/** One call into the hold flow that the caller ends after 2 s: it must be served and end cleanly. */
async function shortHoldCall(harness: CallflowHarness, extension: string, caller: string, target?: string) {
  const { results } = holdCalls({
    count: 1,
    extensions: [extension],
    callerPrefix: caller,
    pauseMs: 2_000,
    ...(target !== undefined ? { target } : {}),
  });
  const [result] = await results;
  expect(result?.ok, `hold call ${caller} to ${extension}: ${result?.errors ?? result?.stderr}`).toBe(true);
  const [logged] = await waitEnded(harness, [`${caller}00`], 10_000);
  if (logged === undefined) throw new Error(`no call log row for ${caller}00`);
  return logged;
}

describe('Asterisk killed (kill -9) while 20 calls are in flows', () => {
  let asterisk: SandboxInstance | undefined;
  const harness = new CallflowHarness();

  beforeAll(async () => {
    asterisk = await SandboxInstance.launch();
    await harness.start(asterisk.ari);
  });
  afterEach(async () => {
    if (asterisk !== undefined) await expectIdle(asterisk.ari);
  });
  afterAll(async () => {
    await harness.stop();
    await asterisk?.stop();
  });

  it('reconnects, registers every app again once ARI answers, logs the calls as lost, serves new calls', async () => {
    if (asterisk === undefined) throw new Error('no extra Asterisk instance');
    const ari = asterisk.ari;
    const apps = ['callflow-7901', 'callflow-7902', 'callflow-7903'];
    await harness.publish('7901', holdFlow);
    await harness.publish('7902', holdFlow);
    await harness.publish('7903', quickFlow);

    const abandon = new AbortController();
    const holding = holdCalls({
      count: CONCURRENT_CALLS,
      extensions: ['7901', '7902'],
      callerPrefix: '41',
      pauseMs: 60_000,
      target: asterisk.sipTarget,
      signal: abandon.signal,
    });
    await waitInMenu(harness, holding.callers);
    expect(await channelsOn(ari)).toHaveLength(CONCURRENT_CALLS);

    await asterisk.kill();
    const killedAt = Date.now();
    // Their Asterisk is gone: nothing will ever answer these callers again.
    abandon.abort();
    await holding.results;

    // The runtime cannot end these calls in Asterisk, but it must not leave them live in the log.
    const lost = await waitEnded(harness, holding.callers, 10_000);
    for (const call of lost) {
      expect(call.outcome, `call from ${call.callerNumber}`).toBe('lost');
      // Says what happened, in words a viewer may read: the server by its name (the call's
      // asteriskServer), never its ARI address.
      expect(call.error).toMatch(
        /^the connection to Asterisk was lost during the call \(the ARI WebSocket for app 'callflow-790[12]' closed/,
      );
      expect(call.error).not.toContain(new URL(ari.ariUrl).host);
      expect(call.currentNodeId).toBeNull();
      // The step the call was in says why it ended, as the call does.
      expect(pathOf(call)).toEqual(['start:next', 'answer:next', `menu:(${call.error})`]);
    }

    // Down long enough for each app connection's retry backoff to have grown to many seconds: only
    // the runtime's reconnect probe then brings the apps back soon after Asterisk answers.
    await sleep(Math.max(0, killedAt + 15_000 - Date.now()));

    // Recovery counts from the first moment ARI answers again, not from when the restart was asked for.
    const outputBeforeRestart = harness.runtimeOutput.length;
    const answeredAt = await timedAsteriskStart(asterisk);
    let registered: string[] = [];
    const allRegisteredAt = await waitFor(
      async () => {
        registered = (await appNamesOn(ari)).filter((name) => apps.includes(name));
        return registered.length === apps.length;
      },
      RECOVERY_WAIT_MS,
      () => `every published app to be registered again (registered: ${registered.join(', ') || 'none'})`,
      harness,
    );
    console.info(
      `recovery: ${apps.length} apps registered again ${allRegisteredAt - answeredAt} ms after ARI answered`,
    );
    // Brought back by the reconnect probe, not by each app's own backoff (which would also get there
    // within the wait above, only many seconds later: how fast is the benchmark's to say).
    const afterRestart = harness.runtimeOutput.slice(outputBeforeRestart);
    expect(afterRestart).toMatch(
      new RegExp(`Asterisk answers again; re-registering its apps now .*apps=${apps.length}\\b`),
    );

    // New calls are served end to end, by both kinds of flow.
    const since = new Date();
    const [quick, hold] = await Promise.all([
      quickCall(harness, '7903', '4201', asterisk.sipTarget),
      shortHoldCall(harness, '7901', '4202', asterisk.sipTarget),
    ]);
    expect(quick.outcome).toBe('completed');
    expect(pathOf(quick)).toEqual(QUICK_PATH);
    expect(quick.startedAt.getTime()).toBeGreaterThanOrEqual(since.getTime());
    expect(hold.outcome).toBe('caller_hangup');
    expect(pathOf(hold)).toEqual(['start:next', 'answer:next', 'menu:(caller hung up)']);
  });
});

describe('runtime killed (kill -9) while 20 calls are in flows', () => {
  let ari: AriConfig | undefined;
  const harness = new CallflowHarness();

  beforeAll(async () => {
    ari = await ensureSandbox();
    await harness.start(ari);
  });
  afterEach(async () => {
    if (ari !== undefined) await expectIdle(ari);
  });
  afterAll(async () => {
    await harness.stop();
  });

  it('the restarted runtime hangs up every channel left in its apps, logs the calls as lost, serves new calls', async () => {
    if (ari === undefined) throw new Error('no Asterisk');
    const config = ari;
    const holdApps = ['callflow-7911', 'callflow-7912'];
    await harness.publish('7911', holdFlow);
    await harness.publish('7912', holdFlow);
    await harness.publish('7913', quickFlow);

    // The callers wait for Asterisk to hang up: only the restarted runtime can make it do so.
    const holding = holdCalls({
      count: CONCURRENT_CALLS,
      extensions: ['7911', '7912'],
      callerPrefix: '43',
      pauseMs: 60_000,
      expectRemoteHangup: true,
    });
    await waitInMenu(harness, holding.callers);

    await harness.killRuntime();
    // Nobody runs these calls now; Asterisk still has every one of them in our apps.
    const leftOver = (await Promise.all(holdApps.map((app) => appChannelIds(config, app)))).flat();
    expect(leftOver).toHaveLength(CONCURRENT_CALLS);

    const restartedAt = Date.now();
    const restart = harness.startRuntime();
    let left: Named[] = [];
    const clearedAt = await waitFor(
      async () => {
        left = await channelsOn(config);
        return left.length === 0;
      },
      RECOVERY_WAIT_MS,
      () => `the channels left by the killed runtime to be hung up (${left.length} left)`,
      harness,
    );
    await restart;
    console.info(
      `recovery: ${leftOver.length} channels hung up ${clearedAt - restartedAt} ms after starting the new runtime`,
    );
    for (const app of holdApps) expect(await appChannelIds(config, app)).toEqual([]);

    // Every caller was hung up by Asterisk (not left in silence until its own timeout).
    for (const result of await holding.results) {
      expect(result.ok, result.errors ?? result.stderr).toBe(true);
      expect(result.hungUpBy).toBe('remote');
    }

    const lost = await waitEnded(harness, holding.callers, 10_000);
    for (const call of lost) {
      expect(call.outcome, `call from ${call.callerNumber}`).toBe('lost');
      expect(call.error).toBe('the runtime stopped while the call was in progress');
    }

    const [quick, hold] = await Promise.all([
      quickCall(harness, '7913', '4401'),
      shortHoldCall(harness, '7911', '4402'),
    ]);
    expect(quick.outcome).toBe('completed');
    expect(pathOf(quick)).toEqual(QUICK_PATH);
    expect(hold.outcome).toBe('caller_hangup');
    expect(pathOf(hold)).toEqual(['start:next', 'answer:next', 'menu:(caller hung up)']);
  });
});

describe('two Asterisk servers, one killed mid-test', () => {
  let suite: AriConfig | undefined;
  let extra: SandboxInstance | undefined;
  let harness: CallflowHarness | undefined;

  beforeAll(async () => {
    suite = await ensureSandbox();
    extra = await SandboxInstance.launch();
    const server = (name: string, ari: AriConfig) => ({
      name,
      url: ari.ariUrl,
      username: ari.username,
      password: ari.password,
    });
    harness = new CallflowHarness({
      ARI_SERVERS: JSON.stringify([server('suite', suite), server('extra', extra.ari)]),
    });
    await harness.start(suite);
  });
  afterEach(async () => {
    if (suite !== undefined) await expectIdle(suite);
  });
  afterAll(async () => {
    await harness?.stop();
    await extra?.stop();
  });

  it('serves calls on both, names the server of each call, and keeps serving on one when the other dies', async () => {
    if (suite === undefined || extra === undefined || harness === undefined) throw new Error('not set up');
    const extraAri = extra.ari;
    await harness.publish('7921', holdFlow);
    await harness.publish('7923', quickFlow);
    await harness.waitUntil(
      async () => {
        const names = await appNamesOn(extraAri);
        return names.includes('callflow-7921') && names.includes('callflow-7923');
      },
      10_000,
      'the apps to be registered on the second Asterisk',
    );

    const [onSuite, onExtra] = await Promise.all([
      quickCall(harness, '7923', '4501'),
      quickCall(harness, '7923', '4601', extra.sipTarget),
    ]);
    expect(onSuite).toMatchObject({ outcome: 'completed', asteriskServer: 'suite' });
    expect(onExtra).toMatchObject({ outcome: 'completed', asteriskServer: 'extra' });
    expect(pathOf(onSuite)).toEqual(QUICK_PATH);
    expect(pathOf(onExtra)).toEqual(QUICK_PATH);

    // Calls in progress on both when one Asterisk dies.
    const abandon = new AbortController();
    const holdingSuite = holdCalls({ count: 3, extensions: ['7921'], callerPrefix: '47', pauseMs: 15_000 });
    const holdingExtra = holdCalls({
      count: 3,
      extensions: ['7921'],
      callerPrefix: '48',
      pauseMs: 60_000,
      target: extra.sipTarget,
      signal: abandon.signal,
    });
    await waitInMenu(harness, [...holdingSuite.callers, ...holdingExtra.callers]);

    await extra.kill();
    const killedAt = new Date();
    abandon.abort();
    await holdingExtra.results;
    // The surviving server's calls were live when the other died (their callers are still waiting).
    expect(
      await harness.db.prisma.call.count({
        where: { callerNumber: { in: holdingSuite.callers }, endedAt: null },
      }),
    ).toBe(holdingSuite.callers.length);

    // The surviving server keeps serving new calls while the other is down...
    for (const [i, caller] of ['4502', '4503', '4504'].entries()) {
      const call = await quickCall(harness, '7923', caller);
      expect(call, `new call ${i + 1} after the kill`).toMatchObject({
        outcome: 'completed',
        asteriskServer: 'suite',
      });
      expect(pathOf(call)).toEqual(QUICK_PATH);
    }
    // ...and the calls it had in progress go on undisturbed until their callers hang up.
    for (const result of await holdingSuite.results)
      expect(result.ok, result.errors ?? result.stderr).toBe(true);
    for (const call of await waitEnded(harness, holdingSuite.callers, 10_000)) {
      expect(call).toMatchObject({ outcome: 'caller_hangup', asteriskServer: 'suite' });
      expect(pathOf(call)).toEqual(['start:next', 'answer:next', 'menu:(caller hung up)']);
    }
    for (const call of await waitEnded(harness, holdingExtra.callers, 10_000)) {
      expect(call).toMatchObject({ outcome: 'lost', asteriskServer: 'extra' });
      expect(call.error).toMatch(/^the connection to Asterisk was lost during the call \(the ARI WebSocket/);
      expect(call.error).not.toContain(new URL(extraAri.ariUrl).host);
    }

    // RuntimeStatus: the dead server is reported disconnected, the other connected.
    const db = harness.db;
    let rows: { asteriskServer: string; connected: boolean; apps: string }[] = [];
    await waitFor(
      async () => {
        rows = await db.prisma.runtimeStatus.findMany({
          where: { updatedAt: { gt: killedAt } },
          orderBy: { asteriskServer: 'asc' },
        });
        const byName = new Map(rows.map((row) => [row.asteriskServer, row]));
        return byName.get('extra')?.connected === false && byName.get('suite')?.connected === true;
      },
      10_000,
      () =>
        `RuntimeStatus to show 'extra' disconnected and 'suite' connected (rows: ${JSON.stringify(rows)})`,
      harness,
    );
    const extraRow = rows.find((row) => row.asteriskServer === 'extra');
    expect(JSON.parse(extraRow?.apps ?? 'null')).toEqual([]);
  });
});
