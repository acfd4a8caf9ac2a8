import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDatabase } from '../src/migrateDatabase.ts';
import { type Database, openDatabase } from '../src/openDatabase.ts';
import { describeDatabaseContract } from './describeDatabaseContract.ts';

const scratch = mkdtempSync(join(tmpdir(), 'callflow-db-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describeDatabaseContract('SQLite', async () => ({
  // A folder that does not exist yet: opening must create it.
  url: `file:${join(scratch, 'contract', 'callflow.db')}`,
  drop: async () => {},
}));

describe('SQLite shared between processes', () => {
  const url = `file:${join(scratch, 'shared.db')}`;
  let runtime: Database;
  let cli: Database;

  beforeAll(async () => {
    await migrateDatabase(url);
    runtime = await openDatabase(url);
    cli = await openDatabase(url);
  });

  afterAll(async () => {
    await runtime?.close();
    await cli?.close();
  });

  it('uses WAL and waits for locks instead of failing at once', async () => {
    const [mode] =
      await runtime.prisma.$queryRawUnsafe<Array<{ journal_mode: string }>>('PRAGMA journal_mode');
    expect(mode?.journal_mode).toBe('wal');
    const [timeout] =
      await runtime.prisma.$queryRawUnsafe<Array<{ timeout: bigint | number }>>('PRAGMA busy_timeout');
    expect(Number(timeout?.timeout)).toBe(5000);
  });

  it('lets one connection read what another wrote while it holds a write transaction', async () => {
    await cli.prisma.runtimeEvent.create({ data: { level: 'info', type: 'connected', message: 'first' } });
    await cli.prisma.$transaction(async (tx) => {
      await tx.runtimeEvent.create({
        data: { level: 'info', type: 'publish_applied', message: 'uncommitted' },
      });
      // In WAL mode a reader is not blocked by the open write transaction and sees the last commit.
      expect(await runtime.prisma.runtimeEvent.count()).toBe(1);
    });
    expect(await runtime.prisma.runtimeEvent.count()).toBe(2);
  });
});
