import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FakeAriServer } from '@callflow/ari/testing';
import { publishFlow } from '@callflow/catalog/testing';
import { type Database, migrateDatabase, openDatabase } from '@callflow/db';
import { validateFlow } from '@callflow/flow';
import { testFlow } from '@callflow/flow/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { simulateCalls } from './testing/simulateCalls.ts';

// The runtime as operators run it (`npm start` in apps/runtime), stopped as systemd and docker stop it.
const main = fileURLToPath(new URL('./main.ts', import.meta.url));
const app = 'callflow-7301';
const callIds = ['stop-call-1', 'stop-call-2', 'stop-call-3'];

const flow = validateFlow(
  testFlow(
    [
      { id: 'start', kind: 'start' },
      { id: 'answer', kind: 'answer' },
      { id: 'hello', kind: 'play', options: { prompts: [{ type: 'sound', name: 'hello-world' }] } },
      {
        id: 'menu',
        kind: 'menu',
        options: {
          prompts: [{ type: 'sound', name: 'press-1' }],
          choices: [{ digit: '1' }],
          timeoutSeconds: 60,
          retries: 0,
        },
      },
      { id: 'bye', kind: 'hangup' },
    ],
    ['start -> answer -> hello -> menu', 'menu.1 -> bye'],
  ),
);

let db: Database;
let server: FakeAriServer;
let runtime: ChildProcess;
let output = '';
let signalledAt: number;
let exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

beforeAll(async () => {
  if (flow.document === null) throw new Error('invalid test flow');
  const url = `file:${join(mkdtempSync(join(tmpdir(), 'runtime-stop-')), 'test.db')}`;
  await migrateDatabase(url);
  db = await openDatabase(url);
  await publishFlow(db, {
    name: 'stopped mid-call',
    document: flow.document,
    extension: '7301',
    note: '',
    author: null,
    replace: true,
  });
  server = new FakeAriServer();
  await server.start();
  const calls = simulateCalls(server);

  runtime = spawn(process.execPath, ['--import', 'tsx', main], {
    env: {
      PATH: process.env.PATH ?? '',
      ARI_URL: server.url,
      ARI_USERNAME: server.username,
      ARI_PASSWORD: server.password,
      DATABASE_URL: url,
      CALLFLOW_POLL_MS: '50',
      CALLFLOW_METRICS_PORT: 'off',
      CALLFLOW_LOG_LEVEL: 'debug',
      // Longer than the test runs before the signal: the steps below are still in memory when it comes.
      CALLFLOW_CALL_LOG_FLUSH_MS: '5000',
      CALLFLOW_STOP_GRACE_SECONDS: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  runtime.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  runtime.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  exited = new Promise((resolve) => runtime.once('exit', (code, signal) => resolve({ code, signal })));
  await vi.waitFor(() => expect(server.openSockets(app)).toHaveLength(1), { timeout: 30_000, interval: 50 });

  // The call log is written on a 5 s grid of the wall clock (CALLFLOW_CALL_LOG_FLUSH_MS, aligned):
  // calls placed just after a grid line are still in memory when the signal comes a moment later,
  // so only the last batch, written at shutdown, can put them in the database.
  await vi.waitFor(() => expect(Date.now() % 5000).toBeLessThan(1000), { timeout: 10_000, interval: 20 });
  for (const id of callIds) calls.startCall(app, id);
  // Every call waits in the menu: its prompt has been played, and no digit comes.
  await vi.waitFor(
    () => {
      for (const id of callIds)
        expect(
          server.requests.filter(
            (r) => r.method === 'POST' && r.rawPath.startsWith(`/ari/channels/${id}/play/`),
          ),
        ).toHaveLength(2);
    },
    { timeout: 10_000, interval: 20 },
  );
  signalledAt = Date.now();
  runtime.kill('SIGTERM');
}, 60_000);

afterAll(async () => {
  if (runtime.exitCode === null && runtime.signalCode === null) runtime.kill('SIGKILL');
  await db?.close();
  await server?.stop();
});

describe('the runtime on SIGTERM with calls in progress', () => {
  it('exits by itself, with status 0', async () => {
    const exit = await Promise.race([
      exited,
      new Promise((resolve) => setTimeout(() => resolve('still running after 30 s'), 30_000)),
    ]);
    expect(exit, output).toEqual({ code: 0, signal: null });
  }, 40_000);

  it('ends every call in progress as lost, with the reason, and hangs each one up', async () => {
    await exited;
    const calls = await db.prisma.call.findMany({ where: { channelId: { in: callIds } } });
    expect(calls.map((call) => call.channelId).sort()).toEqual(callIds);
    for (const call of calls) {
      expect(call, output).toMatchObject({
        outcome: 'lost',
        error: 'the runtime stopped during the call',
        currentNodeId: null,
      });
      // Not before CALLFLOW_STOP_GRACE_SECONDS (1 s here): a call may finish by itself until then.
      expect(call.endedAt?.getTime()).toBeGreaterThanOrEqual(signalledAt + 1000);
    }
    for (const id of callIds) expect(server.requestsTo('DELETE', `/ari/channels/${id}`)).toHaveLength(1);
  });

  it('writes the last batch: the steps each call took before the signal, and the runtime stop', async () => {
    await exited;
    for (const id of callIds) {
      const call = await db.prisma.call.findFirstOrThrow({
        where: { channelId: id },
        include: { steps: { orderBy: { seq: 'asc' } } },
      });
      // The menu was cut short: it left through no port, and says why (not a caller hanging up).
      expect(
        call.steps.map(({ nodeId, port, error }) => ({ nodeId, port, error })),
        output,
      ).toEqual([
        { nodeId: 'start', port: 'next', error: null },
        { nodeId: 'answer', port: 'next', error: null },
        { nodeId: 'hello', port: 'next', error: null },
        { nodeId: 'menu', port: null, error: 'the runtime stopped during the call' },
      ]);
    }
    const stopped = await db.prisma.runtimeEvent.findMany({ where: { type: 'runtime_stopped' } });
    expect(stopped.map((event) => event.message)).toEqual(['runtime stopped (SIGTERM)']);
    expect(output).not.toContain('call log not written before shutdown');
  });
});
