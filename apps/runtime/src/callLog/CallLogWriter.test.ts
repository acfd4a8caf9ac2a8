import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type Database,
  type DirectSql,
  migrateDatabase,
  openDatabase,
  type StepRecorded,
} from '@callflow/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Logger } from '../log/Logger.ts';
import { RuntimeMetrics } from '../metrics/RuntimeMetrics.ts';
import { writesFailingOnDemand } from '../testing/writesFailingOnDemand.ts';
import { CallLogWriter } from './CallLogWriter.ts';

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

/** The same database, except that every write fails while it is set down. */
function flaky(database: Database): { db: DirectSql; setDown(down: boolean): void } {
  const { sql, setDown } = writesFailingOnDemand(database.sql, () =>
    Object.assign(new Error('connection refused'), { code: 'ECONNREFUSED' }),
  );
  return { db: sql, setDown };
}

/** The same database, counting the statements that write a live call's position. */
function counting(database: Database): { db: DirectSql; positionWrites(): number } {
  let updates = 0;
  const sql: DirectSql = {
    ...database.sql,
    transaction: (statements) => {
      updates += statements.filter((statement) => statement.sql.includes('"currentNodeId" = ?')).length;
      return database.sql.transaction(statements);
    },
  };
  return { db: sql, positionWrites: () => updates };
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
    const writer = new CallLogWriter(db.sql, logger, { flushMs: 10, maxBufferedSteps: 1000 });
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

  it('says once, while the database is still down, that it has started dropping steps', async () => {
    const { db: unreliable, setDown } = flaky(db);
    const writer = new CallLogWriter(unreliable, logger, { flushMs: 10, maxBufferedSteps: 3 });
    const dropping = () => lines.filter((line) => line.includes('dropping the oldest steps'));
    setDown(true);
    lines.length = 0;
    writer.callStarted(call('overflow-1'));
    for (let seq = 1; seq <= 3; seq++) writer.stepRecorded(step('overflow-1', seq));
    await writer.flush();
    expect(dropping()).toEqual([]);
    for (let seq = 4; seq <= 10; seq++) writer.stepRecorded(step('overflow-1', seq));
    await writer.flush();
    expect(dropping()).toHaveLength(1);
    expect(dropping()[0]).toContain('maxBufferedSteps=3');
    expect(writer.bufferedSteps).toBe(3);

    setDown(false);
    await writer.flush();
    expect(lines.some((line) => line.includes('droppedSteps=7'))).toBe(true);
    // A later outage that overflows is announced again.
    setDown(true);
    for (let seq = 11; seq <= 14; seq++) writer.stepRecorded(step('overflow-1', seq));
    expect(dropping()).toHaveLength(2);
    setDown(false);
    await writer.flush();
  });

  it('says how many steps it dropped when it shuts down before the database returns', async () => {
    const { db: unreliable, setDown } = flaky(db);
    const writer = new CallLogWriter(unreliable, logger, { flushMs: 10, maxBufferedSteps: 3 });
    setDown(true);
    lines.length = 0;
    writer.callStarted(call('overflow-2'));
    for (let seq = 1; seq <= 5; seq++) writer.stepRecorded(step('overflow-2', seq));
    await writer.close(300);
    const notWritten = lines.find((line) => line.includes('call log not written before shutdown'));
    expect(notWritten).toContain('steps=3');
    expect(notWritten).toContain('droppedSteps=2');
  });
});

describe('CallLogWriter counters', () => {
  it('counts rows written, buffered while the database is down, and dropped beyond the bound', async () => {
    const metrics = new RuntimeMetrics();
    const { db: unreliable, setDown } = flaky(db);
    const writer = new CallLogWriter(unreliable, logger, {
      flushMs: 10,
      maxBufferedSteps: 3,
      counters: metrics.callLog,
    });
    const written = (kind: string) => metrics.callLogWritten.labels(kind).value;
    const dropped = (kind: string) => metrics.callLogDropped.labels(kind).value;

    writer.callStarted(call('m1'));
    writer.stepRecorded(step('m1', 1));
    await writer.flush();
    expect([written('call'), written('step'), dropped('step')]).toEqual([1, 1, 0]);

    setDown(true);
    for (let seq = 2; seq <= 6; seq++) writer.stepRecorded(step('m1', seq));
    await writer.flush();
    expect(writer.databaseDown).toBe(true);
    expect(writer.buffered).toMatchObject({ call: 0, step: 3 });
    expect(dropped('step')).toBe(2);

    setDown(false);
    await writer.flush();
    expect(writer.databaseDown).toBe(false);
    expect(writer.buffered.step).toBe(0);
    expect(written('step')).toBe(4);
  });
});

describe('CallLogWriter with entries the database refuses', () => {
  it('skips only the refused entry (a call written twice) and writes the rest', async () => {
    const writer = new CallLogWriter(db.sql, logger, { flushMs: 10, maxBufferedSteps: 1000 });
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
    const writer = new CallLogWriter(db.sql, logger, { flushMs: 10, maxBufferedSteps: 1000 });
    writer.callStarted({ ...call('e'), callerName: 'A\u0000B' });
    writer.stepRecorded({ ...step('e', 1), variables: { 'vars.x': 'a\u0000b' }, error: 'bad\u0000' });
    await writer.flush();
    const stored = await db.prisma.call.findUniqueOrThrow({ where: { id: 'e' }, include: { steps: true } });
    expect(stored.callerName).toBe('AB');
    expect(stored.steps[0]?.variables).toBe('{"vars.x":"ab"}');
    expect(stored.steps[0]?.error).toBe('bad');
  });
});

describe('CallLogWriter and where a live call is', () => {
  const ended = (callId: string) => ({
    callId,
    endedAt: new Date(),
    outcome: 'caller_hangup' as const,
    hangupCause: '16',
    stepCount: 2,
    error: null,
  });
  const position = async (callId: string) =>
    db.prisma.call.findUniqueOrThrow({
      where: { id: callId },
      select: { currentNodeId: true, currentNodeSince: true, endedAt: true },
    });

  it('shows the node a call waits in, with the call start written first in the same flush', async () => {
    const writer = new CallLogWriter(db.sql, logger, { flushMs: 10, maxBufferedSteps: 1000 });
    const enteredMenu = new Date('2026-03-01T10:00:02.000Z');
    writer.callStarted(call('p1'));
    writer.stepRecorded(step('p1', 1));
    writer.nodeEntered({ callId: 'p1', nodeId: 'menu', at: enteredMenu });
    await writer.flush();
    expect(await position('p1')).toEqual({
      currentNodeId: 'menu',
      currentNodeSince: enteredMenu,
      endedAt: null,
    });
  });

  it('writes only the latest position of a call per flush: ten fast nodes cost one update', async () => {
    const { db: counted, positionWrites } = counting(db);
    const writer = new CallLogWriter(counted, logger, { flushMs: 10, maxBufferedSteps: 1000 });
    writer.callStarted(call('p2'));
    writer.callStarted(call('p3'));
    await writer.flush();
    const at = (n: number) => new Date(Date.UTC(2026, 2, 1, 10, 0, n));
    for (let n = 1; n <= 10; n++) writer.nodeEntered({ callId: 'p2', nodeId: `n${n}`, at: at(n) });
    writer.nodeEntered({ callId: 'p3', nodeId: 'dial', at: at(3) });
    expect(writer.bufferedPositions).toBe(2);
    await writer.flush();
    expect(positionWrites()).toBe(2);
    expect(await position('p2')).toMatchObject({ currentNodeId: 'n10', currentNodeSince: at(10) });
    expect(await position('p3')).toMatchObject({ currentNodeId: 'dial', currentNodeSince: at(3) });
    await writer.flush();
    expect(positionWrites()).toBe(2);
  });

  it('clears the position in the write that ends the call, whether or not it was written before', async () => {
    const { db: counted, positionWrites } = counting(db);
    const writer = new CallLogWriter(counted, logger, { flushMs: 10, maxBufferedSteps: 1000 });
    writer.callStarted(call('p4'));
    writer.nodeEntered({ callId: 'p4', nodeId: 'menu', at: new Date() });
    await writer.flush();
    expect((await position('p4')).currentNodeId).toBe('menu');
    writer.callEnded(ended('p4'));
    await writer.flush();
    expect(await position('p4')).toMatchObject({ currentNodeId: null, currentNodeSince: null });
    expect((await position('p4')).endedAt).not.toBeNull();

    // Entered and ended within one flush interval: the position is not even written.
    const before = positionWrites();
    writer.callStarted(call('p5'));
    writer.nodeEntered({ callId: 'p5', nodeId: 'play', at: new Date() });
    writer.callEnded(ended('p5'));
    await writer.flush();
    expect(positionWrites()).toBe(before);
    expect(await position('p5')).toMatchObject({ currentNodeId: null, currentNodeSince: null });
  });

  it('never puts an ended call back in a node, in a later flush or in the same one', async () => {
    const writer = new CallLogWriter(db.sql, logger, { flushMs: 10, maxBufferedSteps: 1000 });
    writer.callStarted(call('p6'));
    writer.callEnded(ended('p6'));
    await writer.flush();
    writer.nodeEntered({ callId: 'p6', nodeId: 'menu', at: new Date() });
    await writer.flush();
    expect(await position('p6')).toMatchObject({ currentNodeId: null, currentNodeSince: null });

    writer.callStarted(call('p7'));
    writer.callEnded(ended('p7'));
    writer.nodeEntered({ callId: 'p7', nodeId: 'menu', at: new Date() });
    await writer.flush();
    expect(await position('p7')).toMatchObject({ currentNodeId: null, currentNodeSince: null });
  });

  it('keeps positions while the database is down, the latest winning across the failed batch', async () => {
    const { db: unreliable, setDown } = flaky(db);
    const writer = new CallLogWriter(unreliable, logger, { flushMs: 10, maxBufferedSteps: 1000 });
    setDown(true);
    writer.callStarted(call('p8'));
    writer.nodeEntered({ callId: 'p8', nodeId: 'answer', at: new Date() });
    await writer.flush();
    const inMenu = new Date();
    writer.nodeEntered({ callId: 'p8', nodeId: 'menu', at: inMenu });
    await writer.flush();
    expect(writer.bufferedPositions).toBe(1);
    setDown(false);
    await writer.flush();
    expect(await position('p8')).toEqual({ currentNodeId: 'menu', currentNodeSince: inMenu, endedAt: null });
  });

  it('drops positions before steps when its buffer is full, the stalest first, and says so', async () => {
    const { db: unreliable, setDown } = flaky(db);
    const writer = new CallLogWriter(unreliable, logger, { flushMs: 10, maxBufferedSteps: 4 });
    setDown(true);
    lines.length = 0;
    for (const id of ['p9', 'p10', 'p11']) writer.callStarted(call(id));
    writer.nodeEntered({ callId: 'p9', nodeId: 'menu', at: new Date() });
    writer.nodeEntered({ callId: 'p10', nodeId: 'menu', at: new Date() });
    writer.nodeEntered({ callId: 'p11', nodeId: 'menu', at: new Date() });
    // p9 moves again: p10's position is now the stalest.
    writer.nodeEntered({ callId: 'p9', nodeId: 'dial', at: new Date() });
    await writer.flush();
    writer.stepRecorded(step('p9', 1));
    writer.stepRecorded(step('p9', 2));
    expect([writer.bufferedSteps, writer.bufferedPositions]).toEqual([2, 2]);
    setDown(false);
    await writer.flush();
    expect(await db.prisma.callStep.count({ where: { callId: 'p9' } })).toBe(2);
    expect((await position('p9')).currentNodeId).toBe('dial');
    expect((await position('p10')).currentNodeId).toBeNull();
    expect((await position('p11')).currentNodeId).toBe('menu');
    expect(lines.some((line) => line.includes('droppedPositions=1'))).toBe(true);
    expect(lines.some((line) => line.includes('droppedSteps'))).toBe(false);
  });
});
