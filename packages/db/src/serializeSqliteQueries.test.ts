import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDatabase } from './migrateDatabase.ts';
import { type Database, openDatabase } from './openDatabase.ts';

let db: Database;

beforeAll(async () => {
  const url = `file:${join(mkdtempSync(join(tmpdir(), 'serialize-')), 'test.db')}`;
  await migrateDatabase(url);
  db = await openDatabase(url);
}, 60_000);

afterAll(async () => {
  await db.close();
});

describe('SQLite queries while other requests hold transactions', () => {
  it('keeps every write made outside transactions that roll back', async () => {
    let written = 0;
    let stop = false;
    const writer = (async () => {
      while (!stop) {
        await db.prisma.runtimeEvent.create({ data: { level: 'info', type: 'outside', message: 'outside' } });
        written++;
      }
    })();
    const rollbacks = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        db.prisma
          .$transaction(async (tx) => {
            await tx.runtimeEvent.create({ data: { level: 'info', type: 'inside', message: String(i) } });
            await new Promise((resolve) => setTimeout(resolve, 1));
            await tx.runtimeEvent.count();
            throw new Error('roll back');
          })
          .catch(() => 'rolled back'),
      ),
    );
    stop = true;
    await writer;
    expect(new Set(rollbacks)).toEqual(new Set(['rolled back']));
    expect(await db.prisma.runtimeEvent.count({ where: { type: 'inside' } })).toBe(0);
    expect(await db.prisma.runtimeEvent.count({ where: { type: 'outside' } })).toBe(written);
  });
});
