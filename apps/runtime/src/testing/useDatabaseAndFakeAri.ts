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
  // Filled in before the first test, as useCallChannelHarness does.
  const opened = {} as { db: Database; server: FakeAriServer };
  beforeAll(async () => {
    const url = `file:${join(mkdtempSync(join(tmpdir(), `${name}-`)), 'test.db')}`;
    await migrateDatabase(url);
    opened.db = await openDatabase(url);
    opened.server = new FakeAriServer();
    await opened.server.start();
  }, 60_000);
  afterAll(async () => {
    await opened.db?.close();
    await opened.server?.stop();
  });
  return opened;
}
