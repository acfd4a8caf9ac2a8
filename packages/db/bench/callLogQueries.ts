// Seeds a call log of `calls` calls x `steps` steps into a fresh database and times the queries the API
// runs: one call's timeline, and the call list filtered by extension + time range, by caller number,
// by outcome, by flow, newest first, 50 per page.
// Run: npm run -w @callflow/db bench:calls -- [calls=100000] [steps=10]   (DATABASE_URL selects the engine;
// default: a temp SQLite file)
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateDatabase, openDatabase } from '../src/index.ts';

const calls = Number(process.argv[2] ?? 100_000);
const stepsPerCall = Number(process.argv[3] ?? 10);
const url =
  process.env.BENCH_DATABASE_URL ?? `file:${join(mkdtempSync(join(tmpdir(), 'bench-')), 'bench.db')}`;
await migrateDatabase(url);
const db = await openDatabase(url);
const { prisma } = db;

const extensions = Array.from({ length: 50 }, (_, i) => String(6000 + i));
const outcomes = ['completed', 'completed', 'completed', 'caller_hangup', 'error'];
const flowIds = Array.from({ length: 20 }, () => randomUUID());
const start = Date.parse('2026-01-01T00:00:00Z');
const ids: string[] = [];

const seedStarted = performance.now();
const batch = 2000;
for (let offset = 0; offset < calls; offset += batch) {
  const rows = Array.from({ length: Math.min(batch, calls - offset) }, (_, i) => {
    const n = offset + i;
    const id = randomUUID();
    ids.push(id);
    const startedAt = new Date(start + n * 30_000);
    return {
      id,
      channelId: `chan-${n}`,
      asteriskServer: '127.0.0.1:8088',
      appName: `callflow-${extensions[n % extensions.length]}`,
      extension: extensions[n % extensions.length] ?? '6000',
      flowId: flowIds[n % flowIds.length] ?? null,
      flowVersionId: null,
      callerNumber: String(5_550_000 + (n % 5000)),
      callerName: '',
      startedAt,
      endedAt: new Date(startedAt.getTime() + 60_000),
      outcome: outcomes[n % outcomes.length] ?? 'completed',
      stepCount: stepsPerCall,
    };
  });
  const steps = rows.flatMap((call) =>
    Array.from({ length: stepsPerCall }, (_, seq) => ({
      callId: call.id,
      seq: seq + 1,
      nodeId: `n${seq}`,
      kind: 'play',
      enteredAt: new Date(call.startedAt.getTime() + seq * 1000),
      leftAt: new Date(call.startedAt.getTime() + seq * 1000 + 900),
      port: 'next',
      variables: null,
      error: null,
    })),
  );
  await prisma.$transaction([
    prisma.call.createMany({ data: rows }),
    prisma.callStep.createMany({ data: steps }),
  ]);
}
const seedSeconds = (performance.now() - seedStarted) / 1000;

async function time(name: string, query: () => Promise<unknown>, runs = 50): Promise<void> {
  await query();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await query();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => (samples[Math.floor(q * (samples.length - 1))] ?? 0).toFixed(2);
  console.log(`| ${name} | ${at(0.5)} ms | ${at(0.95)} ms |`);
}

const newest = (where: object) => () =>
  prisma.call.findMany({ where, orderBy: [{ startedAt: 'desc' }, { id: 'desc' }], take: 50 });
const middle = new Date(start + (calls / 2) * 30_000);
const dayLater = new Date(middle.getTime() + 86_400_000);

console.log(
  `${db.engine}: ${calls} calls, ${calls * stepsPerCall} steps, seeded in ${seedSeconds.toFixed(0)} s\n`,
);
console.log('| query | p50 | p95 |\n| --- | --- | --- |');
await time('one call with its timeline', () =>
  prisma.call.findUnique({
    where: { id: ids[Math.floor(Math.random() * ids.length)] ?? '' },
    include: { steps: { orderBy: { seq: 'asc' } } },
  }),
);
await time('list: newest 50', newest({}));
await time(
  'list: extension + one day',
  newest({ extension: '6007', startedAt: { gte: middle, lt: dayLater } }),
);
await time('list: caller number', newest({ callerNumber: '5551234' }));
await time('list: outcome error', newest({ outcome: 'error' }));
await time('list: flow', newest({ flowId: flowIds[3] }));
await time('list: outcome error, page 100 (cursor)', async () => {
  const page = await prisma.call.findMany({
    where: { outcome: 'error' },
    orderBy: [{ startedAt: 'desc' }, { id: 'desc' }],
    skip: 1,
    take: 50,
    cursor: { id: ids[Math.floor(calls / 2)] ?? '' },
  });
  return page;
});
await db.close();
