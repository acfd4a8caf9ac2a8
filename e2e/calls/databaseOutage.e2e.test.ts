// The runtime on PostgreSQL, and PostgreSQL stopped for 30 s: a call already in the flow finishes its
// path, new calls to the published extension run the flow the runtime has cached, every step of
// those calls reaches the call log once the database returns, and publishing takes effect again. How
// fast the call log catches up is measured by `npm run bench:recovery` (BENCHMARKS.md), not here.
//
// The PostgreSQL server is this file's own (its port and directory), started, halted and removed
// here, so the cluster the unit tests use (port 54329) is never touched.

import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CallflowHarness, pathOf } from '../harness/CallflowHarness.ts';
import { answered, answeredThen, flow, helloMenu, sayDigit, sayDigitFlow } from '../harness/flowBuilder.ts';
import { expectNothingLeftInAsterisk } from '../harness/useCallflow.ts';
import { PostgresServer } from '../lib/PostgresServer.ts';
import { ensureSandbox } from '../lib/sandbox.ts';
import { type CallResult, type CallStep, placeCall } from '../lib/sipp/placeCall.ts';

const postgresServer = new PostgresServer({
  port: Number(process.env.CALLFLOW_OUTAGE_PG_PORT ?? '54341'),
  // Fixed, so that a server left behind by a killed run is found and removed by the next one.
  dir: join(tmpdir(), 'callflow-e2e-outage-pg'),
});

const OUTAGE_MS = 30_000;
/** How long the test waits for the catch-up to happen at all (its speed is the benchmark's). */
const CATCH_UP_WAIT_MS = 60_000;
const EXTENSION = '7951';

const ivr = flow(
  [
    ...answered,
    helloMenu(['1', '2'], 60, 0),
    sayDigit('sales', '1'),
    sayDigit('support', '2'),
    { id: 'bye', kind: 'hangup' },
  ],
  [
    ...answeredThen('menu'),
    'menu.1 -> sales',
    'menu.2 -> support',
    'menu.timeout -> bye',
    'menu.invalid -> bye',
    'sales.next -> bye',
    'support.next -> bye',
  ],
);

/** The version published after the outage: no menu, a digit played, hung up. */
const afterOutage = sayDigitFlow('welcomeBack', '9', 'done');
const AFTER_OUTAGE = ['start:next', 'answer:next', 'welcomeBack:next', 'done:ended'];

const SALES = ['start:next', 'answer:next', 'menu:1', 'sales:next', 'bye:ended'];
const SUPPORT = ['start:next', 'answer:next', 'menu:2', 'support:next', 'bye:ended'];

interface Expected {
  caller: string;
  path: string[];
  outcome: 'completed' | 'caller_hangup';
}

const applications = z.array(z.object({ name: z.string(), channel_ids: z.array(z.string()) }).loose());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('database outage (PostgreSQL stopped for 30 s)', () => {
  let harness: CallflowHarness;

  beforeAll(async () => {
    // A server left by an earlier run that was killed would hold the port: start from nothing.
    await postgresServer.stop();
    const databaseUrl = await postgresServer.start();
    harness = new CallflowHarness({}, { databaseUrl });
    await harness.start(await ensureSandbox());
  });
  afterEach(expectNothingLeftInAsterisk);
  afterAll(async () => {
    // Up again in case the test failed mid-outage: the runtime's last flush then has somewhere to go.
    await postgresServer.start().catch(() => undefined);
    await harness?.stop();
    await postgresServer.stop();
  });

  it('keeps serving calls from cached versions and writes their buffered steps when it returns', async () => {
    const versionId = await harness.publish(EXTENSION, ivr);
    const app = `callflow-${EXTENSION}`;

    // A call already in the flow when the database goes: it waits in the menu, and its caller
    // presses 1 well into the outage.
    const inProgress: Expected = { caller: '5550100', path: SALES, outcome: 'completed' };
    const inProgressCall = placeCall({
      extension: EXTENSION,
      from: inProgress.caller,
      script: [{ pauseMs: 12_000 }, { dtmf: '1' }],
      expectRemoteHangup: true,
      timeoutMs: 60_000,
    });
    await harness.waitUntil(
      async () =>
        (await harness.db.prisma.call.count({
          where: { extension: EXTENSION, callerNumber: inProgress.caller, currentNodeId: 'menu' },
        })) === 1,
      10_000,
      'the first call to wait in the menu',
    );

    // The runtime may notice while pg_ctl is still shutting the server down.
    const haltRequestedAt = new Date();
    await postgresServer.halt();
    const outageStartedAt = new Date();

    // New calls while the database is down: two take a branch and are hung up by the flow, one
    // caller hangs up in the menu.
    const newCalls: (Expected & { script: CallStep[] })[] = [
      { caller: '5550201', script: [{ pauseMs: 1500 }, { dtmf: '2' }], path: SUPPORT, outcome: 'completed' },
      { caller: '5550202', script: [{ pauseMs: 1500 }, { dtmf: '1' }], path: SALES, outcome: 'completed' },
      {
        caller: '5550203',
        script: [{ pauseMs: 1500 }, { hangup: true }],
        path: ['start:next', 'answer:next', 'menu:(caller hung up)'],
        outcome: 'caller_hangup',
      },
    ];
    const newCallResults = Promise.all(
      newCalls.map((call) =>
        placeCall({
          extension: EXTENSION,
          from: call.caller,
          script: call.script,
          expectRemoteHangup: call.outcome === 'completed',
        }),
      ),
    );

    // ARI: the app stays registered, and the new callers are in it next to the first one.
    let mostChannelsInApp = 0;
    let appAlwaysRegistered = true;
    let settled = false;
    const all = Promise.all([inProgressCall, newCallResults]).finally(() => {
      settled = true;
    });
    while (!settled) {
      const apps = applications.parse(await harness.ariGet('/applications'));
      const ours = apps.find((candidate) => candidate.name === app);
      if (ours === undefined) appAlwaysRegistered = false;
      mostChannelsInApp = Math.max(mostChannelsInApp, ours?.channel_ids.length ?? 0);
      await sleep(200);
    }
    const [first, others] = await all;

    const results: [Expected, CallResult][] = [
      [inProgress, first],
      ...newCalls.map((expected, index): [Expected, CallResult] => {
        const result = others[index];
        if (result === undefined) throw new Error(`no sipp result for ${expected.caller}`);
        return [expected, result];
      }),
    ];
    for (const [expected, result] of results) {
      expect(result.ok, `${expected.caller}: ${result.errors ?? result.stderr}`).toBe(true);
      expect(result.finalStatus, expected.caller).toBe(200);
      expect(result.hungUpBy, expected.caller).toBe(expected.outcome === 'completed' ? 'remote' : 'caller');
    }
    expect(appAlwaysRegistered, `${app} registered throughout`).toBe(true);
    expect(mostChannelsInApp, 'callers in the app at once').toBe(4);
    // Everything above happened while PostgreSQL was down.
    expect(await postgresAnswers(harness)).toBe(false);

    await sleep(OUTAGE_MS - (Date.now() - outageStartedAt.getTime()));
    await postgresServer.start();
    const restartedAt = Date.now();

    // Every step of the calls made during the outage reaches the call log.
    const expected = [inProgress, ...newCalls];
    let calls: LoggedCall[] = [];
    await harness.waitUntil(
      async () => {
        calls = await loggedCalls(harness, expected);
        return expected.every((want) => {
          const call = calls.find((row) => row.callerNumber === want.caller);
          return call?.endedAt != null && call.steps.length === want.path.length;
        });
      },
      CATCH_UP_WAIT_MS,
      'the calls made during the outage to be in the call log',
    );

    for (const want of expected) {
      const call = calls.find((row) => row.callerNumber === want.caller);
      if (call === undefined) throw new Error(`call from ${want.caller} not logged`);
      expect(pathOf(call), want.caller).toEqual(want.path);
      expect(call.outcome, want.caller).toBe(want.outcome);
      // The version the runtime had cached before the outage.
      expect(call.flowVersionId, want.caller).toBe(versionId);
      expect(call.currentNodeId, want.caller).toBeNull();
      expect(call.steps.map((step) => step.seq)).toEqual(want.path.map((_, index) => index + 1));
    }
    // The first call started before the outage and left the menu during it.
    const firstCall = calls.find((row) => row.callerNumber === inProgress.caller);
    expect(firstCall?.startedAt.getTime()).toBeLessThan(outageStartedAt.getTime());
    const menuLeftAt = firstCall?.steps.find((step) => step.nodeId === 'menu')?.leftAt?.getTime() ?? 0;
    expect(menuLeftAt).toBeGreaterThan(outageStartedAt.getTime());
    expect(menuLeftAt).toBeLessThan(restartedAt);
    for (const want of newCalls) {
      const startedAt = calls.find((row) => row.callerNumber === want.caller)?.startedAt.getTime() ?? 0;
      expect(startedAt, want.caller).toBeGreaterThan(outageStartedAt.getTime());
      expect(startedAt, want.caller).toBeLessThan(restartedAt);
    }

    // The runtime said that the database was gone and that it came back, and stored that as well. The
    // publication poll notices on its own, possibly after the call log's retry did.
    await harness.waitUntil(
      () => harness.runtimeOutput.includes('database reachable again; following publications'),
      30_000,
      'the publication poll to see the database again',
    );
    const output = harness.runtimeOutput;
    expect(output).toContain('cannot write the call log; keeping entries in memory and retrying');
    expect(output).toContain('call log database reachable again; buffered entries written');
    expect(output).toContain('cannot read publications; keeping the current ones');
    expect(output).toContain('database reachable again; following publications');
    expect(output).not.toMatch(/buffer (was )?full|uncaught|unhandled/i);
    // Reasons are the driver's words on one line, not Prisma's excerpt of the runtime's source.
    expect(output).not.toContain('invocation in');
    const outageEvents = await harness.db.prisma.runtimeEvent.count({
      where: { type: 'database_unavailable', at: { gte: haltRequestedAt } },
    });
    expect(outageEvents).toBe(1);

    // And it follows publications again: a republish made after the outage takes effect (a call runs
    // the new version, which the runtime could only have read from the database once it returned)...
    const republishedAt = new Date();
    const newVersionId = await harness.publish(EXTENSION, afterOutage);
    expect(newVersionId).not.toBe(versionId);
    const after = await placeCall({
      extension: EXTENSION,
      script: [{ pauseMs: 5000 }],
      expectRemoteHangup: true,
    });
    expect(after.ok, after.errors ?? after.stderr).toBe(true);
    const afterCall = await harness.waitForCall(EXTENSION, republishedAt);
    expect(afterCall.flowVersionId).toBe(newVersionId);
    expect(pathOf(afterCall)).toEqual(AFTER_OUTAGE);

    // ...and so does an unpublish: the extension refuses calls.
    const unpublishedAt = new Date();
    await harness.unpublish(EXTENSION);
    await harness.waitForRuntimeEvent('unpublished', EXTENSION, unpublishedAt, 30_000);
    const refused = await placeCall({ extension: EXTENSION, expectReject: 404 });
    expect(refused.finalStatus).toBe(404);
    expect(refused.ok, refused.errors ?? refused.stderr).toBe(true);
  }, 180_000);
});

/** True when a query through the test's own connection pool succeeds. */
async function postgresAnswers(harness: CallflowHarness): Promise<boolean> {
  return harness.db.prisma.$queryRawUnsafe('SELECT 1').then(
    () => true,
    () => false,
  );
}

type LoggedCall = Awaited<ReturnType<typeof loggedCalls>>[number];

async function loggedCalls(harness: CallflowHarness, expected: Expected[]) {
  return harness.db.prisma.call.findMany({
    where: { extension: EXTENSION, callerNumber: { in: expected.map((want) => want.caller) } },
    include: { steps: { orderBy: { seq: 'asc' } } },
  });
}
