// Measures how fast Callflow recovers from three faults, over N rounds each, and prints the numbers
// (it asserts nothing about time; the e2e tests check only that recovery happens):
//
//   asterisk  Asterisk killed (kill -9) and started again, with K apps published: ms from ARI answering
//             again to every app registered again (an Asterisk instance of the script's own).
//   runtime   the runtime killed (kill -9) with C calls waiting in a menu: ms from starting a new
//             runtime to no channel left in Asterisk (the suite's sandbox instance).
//   database  PostgreSQL (a server of the script's own) stopped for S seconds while N calls run
//             through a menu: ms from PostgreSQL answering again to every step of those calls being in
//             the call log.
//
// Run (sandbox Asterisk running, under the e2e lock, from the repository root):
//   node --import tsx e2e/benchmarks/recovery.ts [rounds=3] [--apps 10] [--asterisk-down-s 15]
//     [--calls 20] [--outage-s 30] [--outage-calls 3] [--only asterisk,runtime,database]
// CALLFLOW_BENCH_PG_PORT sets the PostgreSQL port (default 54343).

import { execFileSync } from 'node:child_process';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDirectDatabase } from '@callflow/db';
import { CallflowHarness } from '../harness/CallflowHarness.ts';
import { answered, answeredThen, flow, helloMenu, sayDigit } from '../harness/flowBuilder.ts';
import { holdCalls, holdFlow, waitInMenu } from '../harness/holdCalls.ts';
import { PostgresServer } from '../lib/PostgresServer.ts';
import { SandboxInstance } from '../lib/SandboxInstance.ts';
import { type AriConfig, ariRequest, ensureSandbox, REPO_ROOT } from '../lib/sandbox.ts';
import { placeCall } from '../lib/sipp/placeCall.ts';
import { median, quantile } from '../lib/statistics.ts';
import { timedAsteriskStart } from '../lib/timedAsteriskStart.ts';
import { waitFor } from '../lib/waitFor.ts';

const { values: options, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    apps: { type: 'string', default: '10' },
    'asterisk-down-s': { type: 'string', default: '15' },
    calls: { type: 'string', default: '20' },
    'outage-s': { type: 'string', default: '30' },
    'outage-calls': { type: 'string', default: '3' },
    only: { type: 'string', default: 'asterisk,runtime,database' },
  },
});

function positiveInteger(text: string | undefined, name: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name} must be a positive integer, not '${text}'`);
  return value;
}

const rounds = positiveInteger(positionals[0] ?? '3', 'rounds');
const appCount = positiveInteger(options.apps, '--apps');
const asteriskDownMs = positiveInteger(options['asterisk-down-s'], '--asterisk-down-s') * 1000;
const heldCalls = positiveInteger(options.calls, '--calls');
const outageMs = positiveInteger(options['outage-s'], '--outage-s') * 1000;
const outageCalls = positiveInteger(options['outage-calls'], '--outage-calls');
const only = new Set(options.only.split(',').map((part) => part.trim()));
for (const part of only)
  if (!['asterisk', 'runtime', 'database'].includes(part)) throw new Error(`--only: unknown fault '${part}'`);
const pgPort = positiveInteger(process.env.CALLFLOW_BENCH_PG_PORT ?? '54343', 'CALLFLOW_BENCH_PG_PORT');

/** How long a round waits for recovery before giving up (a failure, not a measurement). */
const GIVE_UP_MS = 120_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Named {
  id: string;
  name: string;
}

const channelsOn = (ari: AriConfig) => ariRequest<Named[]>('GET', '/channels', { config: ari });
const appNamesOn = async (ari: AriConfig) =>
  (await ariRequest<Named[]>('GET', '/applications', { config: ari })).map((app) => app.name);

/** Answers and hangs up: the apps of the Asterisk restart need a flow, not calls. */
const hangupFlow = flow(
  [
    { id: 'start', kind: 'start' },
    { id: 'bye', kind: 'hangup' },
  ],
  ['start.next -> bye'],
);

/** The calls made during the database outage: a menu, a branch, a prompt, hung up by the flow. */
const outageFlow = flow(
  [...answered, helloMenu(['1'], 60, 0), sayDigit('sales', '1'), { id: 'bye', kind: 'hangup' }],
  [
    ...answeredThen('menu'),
    'menu.1 -> sales',
    'menu.timeout -> bye',
    'menu.invalid -> bye',
    'sales.next -> bye',
  ],
);
const OUTAGE_FLOW_STEPS = 5;

const results: { measure: string; values: number[] }[] = [];
const notes: string[] = [];

/** Asterisk killed and started again with `appCount` apps published: ARI answering → apps registered. */
async function asteriskRestart(): Promise<void> {
  const values: number[] = [];
  results.push({
    measure: `Asterisk kill -9 → ${appCount} apps registered again (from ARI answering)`,
    values,
  });
  const asterisk = await SandboxInstance.launch();
  const harness = new CallflowHarness();
  try {
    await harness.start(asterisk.ari);
    const apps: string[] = [];
    for (let i = 0; i < appCount; i++) {
      const extension = String(7701 + i);
      await harness.publish(extension, hangupFlow);
      apps.push(`callflow-${extension}`);
    }
    for (let round = 1; round <= rounds; round++) {
      await asterisk.kill();
      const killedAt = Date.now();
      // Down long enough for the apps' retry backoff to have grown (0.5 s doubling, up to 30 s).
      await sleep(Math.max(0, killedAt + asteriskDownMs - Date.now()));
      const startAskedAt = Date.now();
      const answeredAt = await timedAsteriskStart(asterisk);
      let registered = 0;
      const registeredAt = await waitFor(
        async () => {
          const names = new Set(await appNamesOn(asterisk.ari));
          registered = apps.filter((app) => names.has(app)).length;
          return registered === apps.length;
        },
        GIVE_UP_MS,
        () => `${apps.length} apps registered again (${registered} so far)`,
        harness,
      );
      values.push(registeredAt - answeredAt);
      console.info(
        `asterisk round ${round}: ${registeredAt - answeredAt} ms (start asked → ARI answered: ${answeredAt - startAskedAt} ms)`,
      );
    }
  } finally {
    await harness.stop();
    await asterisk.stop();
  }
}

/** The runtime killed with `heldCalls` calls in a menu: new runtime started → no channel left. */
async function runtimeRestart(): Promise<void> {
  const values: number[] = [];
  results.push({
    measure: `runtime kill -9 with ${heldCalls} calls in a menu → no channel left (from starting the new runtime)`,
    values,
  });
  const startupValues: number[] = [];
  results.push({
    measure: "  (for comparison: starting the new runtime → it logged 'runtime started')",
    values: startupValues,
  });
  const ari = await ensureSandbox();
  const harness = new CallflowHarness();
  try {
    await harness.start(ari);
    const extensions = ['7731', '7732'];
    for (const extension of extensions) await harness.publish(extension, holdFlow);
    const before = await channelsOn(ari);
    if (before.length > 0) throw new Error(`the sandbox Asterisk is not idle: ${before.length} channels`);
    for (let round = 1; round <= rounds; round++) {
      // Callers wait for Asterisk to hang up: only the new runtime can make it do so.
      const holding = holdCalls({
        count: heldCalls,
        extensions,
        callerPrefix: `7${String(round).padStart(2, '0')}`,
        pauseMs: 60_000,
        expectRemoteHangup: true,
      });
      await waitInMenu(harness, holding.callers);
      await harness.killRuntime();
      const startedAt = Date.now();
      // When the new process logged that it started (seen within the harness's 100 ms polling).
      const restart = harness.startRuntime().then(() => Date.now());
      let left = heldCalls;
      const clearedAt = await waitFor(
        async () => {
          left = (await channelsOn(ari)).length;
          return left === 0;
        },
        GIVE_UP_MS,
        () => `the channels left by the killed runtime to be hung up (${left} left)`,
        harness,
      );
      const runningAt = await restart;
      const failed = (await holding.results).filter((result) => !result.ok || result.hungUpBy !== 'remote');
      if (failed.length > 0)
        notes.push(`runtime round ${round}: ${failed.length} callers not hung up by Asterisk`);
      values.push(clearedAt - startedAt);
      startupValues.push(runningAt - startedAt);
      console.info(
        `runtime round ${round}: ${clearedAt - startedAt} ms (the new runtime logged 'runtime started' after ${runningAt - startedAt} ms)`,
      );
    }
  } finally {
    await harness.stop();
  }
}

/** PostgreSQL stopped for `outageMs` with calls made meanwhile: PostgreSQL answering → steps logged. */
async function databaseOutage(): Promise<void> {
  const values: number[] = [];
  results.push({
    measure: `PostgreSQL down ${outageMs / 1000} s, ${outageCalls} calls meanwhile → all their steps in the call log (from PostgreSQL answering)`,
    values,
  });
  const postgres = new PostgresServer({ port: pgPort, dir: join(tmpdir(), 'callflow-bench-recovery-pg') });
  // A server left by an earlier run that was killed would hold the port: start from nothing.
  await postgres.stop();
  const databaseUrl = await postgres.start();
  const harness = new CallflowHarness({}, { databaseUrl });
  // A pool of the script's own: each query after the outage opens a fresh connection, so the moment
  // PostgreSQL answers is PostgreSQL's, not when some pool noticed.
  const direct = openDirectDatabase(databaseUrl);
  const extension = '7761';
  try {
    await harness.start(await ensureSandbox());
    await harness.publish(extension, outageFlow);
    for (let round = 1; round <= rounds; round++) {
      const pollRecoveriesBefore = countOf(
        harness.runtimeOutput,
        'database reachable again; following publications',
      );
      await postgres.halt();
      const haltedAt = Date.now();
      const callers = Array.from(
        { length: outageCalls },
        (_, i) => `55${String(round).padStart(2, '0')}${String(i).padStart(2, '0')}`,
      );
      const calls = await Promise.all(
        callers.map((caller) =>
          placeCall({
            extension,
            from: caller,
            name: `bench-recovery-${caller}`,
            script: [{ pauseMs: 1500 }, { dtmf: '1' }],
            expectRemoteHangup: true,
          }),
        ),
      );
      const failed = calls.filter((call) => !call.ok).length;
      if (failed > 0) notes.push(`database round ${round}: ${failed} of ${outageCalls} calls failed in sipp`);
      if (Date.now() - haltedAt > outageMs)
        notes.push(`database round ${round}: the calls outlasted the ${outageMs / 1000} s outage`);
      await sleep(Math.max(0, haltedAt + outageMs - Date.now()));

      let answeredAt: number | undefined;
      let startFailed = false;
      const probe = (async () => {
        while (answeredAt === undefined && !startFailed) {
          const answered = await direct.sql.query({ sql: 'SELECT 1', params: [] }).then(
            () => true,
            () => false,
          );
          if (answered) answeredAt = Date.now();
          else await sleep(20);
        }
      })();
      await postgres.start().catch((error: unknown) => {
        startFailed = true;
        throw error;
      });
      await probe;
      if (answeredAt === undefined) throw new Error('PostgreSQL never answered');

      let logged = 0;
      const loggedAt = await waitFor(
        async () => {
          const rows = await direct.sql.query({
            sql: `SELECT c."endedAt" AS "endedAt", (SELECT COUNT(*) FROM "CallStep" s WHERE s."callId" = c."id") AS "steps"
                  FROM "Call" c WHERE c."extension" = ? AND c."callerNumber" IN (${callers.map(() => '?').join(', ')})`,
            params: [extension, ...callers],
          });
          logged = rows.filter(
            (row) =>
              typeof row === 'object' &&
              row !== null &&
              'endedAt' in row &&
              row.endedAt !== null &&
              'steps' in row &&
              Number(row.steps) === OUTAGE_FLOW_STEPS,
          ).length;
          return logged === callers.length;
        },
        GIVE_UP_MS,
        () => `the ${callers.length} calls made during the outage to be in the call log (${logged} so far)`,
        harness,
      );
      values.push(loggedAt - answeredAt);
      console.info(`database round ${round}: ${loggedAt - answeredAt} ms`);
      // The next round starts with the runtime following publications again.
      await harness.waitUntil(
        () =>
          countOf(harness.runtimeOutput, 'database reachable again; following publications') >
          pollRecoveriesBefore,
        GIVE_UP_MS,
        'the publication poll to see the database again',
      );
    }
  } finally {
    await postgres.start().catch(() => undefined);
    await harness.stop();
    await direct.close();
    await postgres.stop();
  }
}

function countOf(text: string, line: string): number {
  return text.split(line).length - 1;
}

function summary(values: number[]): string {
  const middle = median(values);
  if (middle === undefined) return 'no rounds completed';
  return `median ${middle.toFixed(0)} ms, min ${quantile(values, 0)} ms, max ${quantile(values, 1)} ms (rounds: ${values.join(', ')} ms)`;
}

const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
  cwd: REPO_ROOT,
  encoding: 'utf8',
}).trim();
const asteriskVersion = await ariRequest<{ system?: { version?: string } }>('GET', '/asterisk/info', {
  config: await ensureSandbox(),
}).then(
  (info) => info.system?.version ?? 'unknown',
  () => 'unknown',
);
const startedAt = new Date();
const loadAtStart = loadavg();
console.info(
  `recovery benchmark: ${rounds} rounds; commit ${commit}; Node ${process.version}; Asterisk ${asteriskVersion}; ${startedAt.toISOString()}; load average ${loadAtStart.map((load) => load.toFixed(2)).join(' ')}`,
);
if (only.has('asterisk')) await asteriskRestart();
if (only.has('runtime')) await runtimeRestart();
if (only.has('database')) await databaseOutage();

const loadAtEnd = loadavg();
console.log('');
console.log(
  `recovery after faults: ${rounds} rounds, commit ${commit}, ${startedAt.toISOString()} → ${new Date().toISOString()}, load average ${loadAtStart[0]?.toFixed(2)} at the start, ${loadAtEnd[0]?.toFixed(2)} at the end`,
);
for (const { measure, values } of results) console.log(`${measure}: ${summary(values)}`);
for (const note of notes) console.log(`note: ${note}`);
