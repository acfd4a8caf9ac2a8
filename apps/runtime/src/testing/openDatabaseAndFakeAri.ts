import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeAriServer } from '@callflow/ari/testing';
import { type Database, migrateDatabase, openDatabase } from '@callflow/db';

/** A migrated SQLite database of its own (in a new temporary folder) and a started fake Asterisk. */
export async function openDatabaseAndFakeAri(
  name: string,
): Promise<{ db: Database; server: FakeAriServer; close(): Promise<void> }> {
  const url = `file:${join(mkdtempSync(join(tmpdir(), `${name}-`)), 'test.db')}`;
  await migrateDatabase(url);
  const db = await openDatabase(url);
  const server = new FakeAriServer();
  await server.start();
  return {
    db,
    server,
    close: async () => {
      await db.close();
      await server.stop();
    },
  };
}
