import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeAriServer } from '@callflow/ari/testing';
import { type Database, migrateDatabase, openDatabase } from '@callflow/db';
import { afterAll, beforeAll } from 'vitest';

/** What the tests of a file share: read `db` and `server` inside tests and hooks, not at load time. */
export interface DatabaseAndFakeAri {
  readonly db: Database;
  readonly server: FakeAriServer;
}

/**
 * For the tests of one file: a migrated SQLite database of its own (in a new temporary folder named
 * after `name`) and a started fake Asterisk, opened before the first test and closed after the last.
 */
export function useDatabaseAndFakeAri(name: string): DatabaseAndFakeAri {
  let opened: { db: Database; server: FakeAriServer } | undefined;
  beforeAll(async () => {
    const url = `file:${join(mkdtempSync(join(tmpdir(), `${name}-`)), 'test.db')}`;
    await migrateDatabase(url);
    const db = await openDatabase(url);
    const server = new FakeAriServer();
    await server.start();
    opened = { db, server };
  }, 60_000);
  afterAll(async () => {
    await opened?.db.close();
    await opened?.server.stop();
  });
  const ready = () => {
    if (opened === undefined) throw new Error('useDatabaseAndFakeAri: read db and server inside a test');
    return opened;
  };
  return {
    get db() {
      return ready().db;
    },
    get server() {
      return ready().server;
    },
  };
}
