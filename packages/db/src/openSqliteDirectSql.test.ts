import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteDirectSql } from './openSqliteDirectSql.ts';

describe('openSqliteDirectSql', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it('writes without waiting for an fsync per commit, keeps foreign keys checked, and counts the rows a statement changed', async () => {
    dir = mkdtempSync(join(tmpdir(), 'callflow-direct-'));
    const path = join(dir, 'test.db');
    const setup = new BetterSqlite3(path);
    setup.pragma('journal_mode = WAL');
    setup.exec(
      'CREATE TABLE parent (id TEXT PRIMARY KEY); CREATE TABLE child (parentId TEXT REFERENCES parent(id))',
    );
    setup.close();

    const sql = openSqliteDirectSql(path, 1000);
    // 1 = NORMAL (2 = FULL, SQLite's default).
    expect(await sql.query({ sql: 'PRAGMA synchronous', params: [] })).toEqual([{ synchronous: 1 }]);
    await expect(
      sql.transaction([{ sql: 'INSERT INTO child (parentId) VALUES (?)', params: ['missing'] }]),
    ).rejects.toThrow(/FOREIGN KEY/);
    await sql.transaction([
      { sql: 'INSERT INTO parent (id) VALUES (?)', params: ['p1'] },
      { sql: 'INSERT INTO child (parentId) VALUES (?)', params: ['p1'] },
    ]);
    expect(await sql.query({ sql: 'SELECT parentId FROM child', params: [] })).toEqual([{ parentId: 'p1' }]);
    await sql.transaction([{ sql: 'INSERT INTO child (parentId) VALUES (?)', params: ['p1'] }]);
    expect(await sql.execute({ sql: 'DELETE FROM child WHERE parentId = ?', params: ['p1'] })).toBe(2);
    expect(await sql.execute({ sql: 'DELETE FROM child WHERE parentId = ?', params: ['p1'] })).toBe(0);
    await sql.close();
  });
});
