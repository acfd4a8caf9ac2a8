import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Database, migrateDatabase, openDatabase } from '@callflow/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Logger } from '../log/Logger.ts';
import { CallLogWriter, type StepRecorded } from './CallLogWriter.ts';

let db: Database;
const lines: string[] = [];
const logger = new Logger('info', {}, (line) => lines.push(line));

beforeAll(async () => {
  const url = `file:${join(mkdtempSync(join(tmpdir(), 'calllog-')), 'test.db')}`;
  await migrateDatabase(url);
  db = await openDatabase(url);
}, 60_000);

afterAll(async () => {
  await db.close();
});

/** The same database, except that every write fails while `down` is true. */
function flaky(database: Database): { db: Database; setDown(down: boolean): void } {
  let down = false;
  const prisma = new Proxy(database.prisma, {
    get(target, property, receiver) {
      if (property === '$transaction' && down) return () => Promise.reject(new Error('connection refused'));
      return Reflect.get(target, property, receiver);
    },
  });
  return { db: { ...database, prisma }, setDown: (value) => (down = value) };
}

const call = (id: string) => ({
  id,
  channelId: `chan-${id}`,
  asteriskServer: 'test',
  appName: 'callflow-1',
  extension: '6001',
  flowId: null,
  flowVersionId: null,
  callerNumber: '1001',
  callerName: '',
  startedAt: new Date(),
});

const step = (callId: string, seq: number): StepRecorded => ({
  callId,
  seq,
  nodeId: `n${seq}`,
  kind: 'play',
  enteredAt: new Date(),
  leftAt: new Date(),
  port: 'next',
  variables: seq === 1 ? { 'vars.a': '1' } : {},
  error: null,
});

describe('CallLogWriter', () => {
  it('writes calls, steps and ends in order in the background', async () => {
    const writer = new CallLogWriter(db, logger, { flushMs: 10, maxBufferedSteps: 1000 });
    writer.callStarted(call('a'));
    writer.stepRecorded(step('a', 1));
    writer.stepRecorded(step('a', 2));
    writer.callEnded({
      callId: 'a',
      endedAt: new Date(),
      outcome: 'completed',
      hangupCause: '16',
      stepCount: 2,
      error: null,
    });
    await writer.flush();
    const stored = await db.prisma.call.findUniqueOrThrow({
      where: { id: 'a' },
      include: { steps: { orderBy: { seq: 'asc' } } },
    });
    expect(stored.outcome).toBe('completed');
    expect(stored.steps.map((s) => [s.seq, s.variables])).toEqual([
      [1, '{"vars.a":"1"}'],
      [2, null],
    ]);
  });

  it('keeps entries while the database is down and writes them when it returns, logging once', async () => {
    const { db: unreliable, setDown } = flaky(db);
    const writer = new CallLogWriter(unreliable, logger, { flushMs: 10, maxBufferedSteps: 1000 });
    setDown(true);
    lines.length = 0;
    writer.callStarted(call('b'));
    for (let seq = 1; seq <= 5; seq++) writer.stepRecorded(step('b', seq));
    await writer.flush();
    await writer.flush();
    expect(writer.bufferedSteps).toBe(5);
    expect(lines.filter((line) => line.includes('cannot write the call log'))).toHaveLength(1);
    setDown(false);
    await writer.flush();
    expect(await db.prisma.callStep.count({ where: { callId: 'b' } })).toBe(5);
    expect(lines.some((line) => line.includes('reachable again'))).toBe(true);
  });

  it('drops the oldest steps beyond its bound, keeps the call, and says how many were lost', async () => {
    const { db: unreliable, setDown } = flaky(db);
    const writer = new CallLogWriter(unreliable, logger, { flushMs: 10, maxBufferedSteps: 3 });
    setDown(true);
    lines.length = 0;
    writer.callStarted(call('c'));
    for (let seq = 1; seq <= 5; seq++) writer.stepRecorded(step('c', seq));
    setDown(false);
    await writer.flush();
    const steps = await db.prisma.callStep.findMany({ where: { callId: 'c' }, orderBy: { seq: 'asc' } });
    expect(steps.map((s) => s.seq)).toEqual([3, 4, 5]);
    expect(lines.some((line) => line.includes('droppedSteps=2'))).toBe(true);
  });
});

describe('CallLogWriter with entries the database refuses', () => {
  it('skips only the refused entry (a call written twice) and writes the rest', async () => {
    const writer = new CallLogWriter(db, logger, { flushMs: 10, maxBufferedSteps: 1000 });
    writer.callStarted(call('d'));
    await writer.flush();
    lines.length = 0;
    writer.callStarted(call('d'));
    writer.stepRecorded(step('d', 1));
    writer.callEnded({
      callId: 'd',
      endedAt: new Date(),
      outcome: 'completed',
      hangupCause: null,
      stepCount: 1,
      error: null,
    });
    await writer.flush();
    const stored = await db.prisma.call.findUniqueOrThrow({ where: { id: 'd' }, include: { steps: true } });
    expect(stored.outcome).toBe('completed');
    expect(stored.steps).toHaveLength(1);
    expect(lines.filter((line) => line.includes('refused a call log entry'))).toHaveLength(1);
    expect(writer.bufferedSteps).toBe(0);
  });

  it('removes NUL characters that PostgreSQL would refuse', async () => {
    const writer = new CallLogWriter(db, logger, { flushMs: 10, maxBufferedSteps: 1000 });
    writer.callStarted({ ...call('e'), callerName: 'A\u0000B' });
    writer.stepRecorded({ ...step('e', 1), variables: { 'vars.x': 'a\u0000b' }, error: 'bad\u0000' });
    await writer.flush();
    const stored = await db.prisma.call.findUniqueOrThrow({ where: { id: 'e' }, include: { steps: true } });
    expect(stored.callerName).toBe('AB');
    expect(stored.steps[0]?.variables).toBe('{"vars.x":"ab"}');
    expect(stored.steps[0]?.error).toBe('bad');
  });
});
