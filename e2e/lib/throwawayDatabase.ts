import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Database, migrateDatabase, openDatabase } from '@callflow/db';

/** The URL of a new SQLite file in a directory of its own under the system's temporary directory. */
export function throwawaySqliteUrl(prefix: string): string {
  return `file:${join(mkdtempSync(join(tmpdir(), prefix)), 'e2e.db')}`;
}

/** Brings the database's schema up to date and opens it. */
export async function openMigrated(databaseUrl: string): Promise<Database> {
  await migrateDatabase(databaseUrl);
  return openDatabase(databaseUrl);
}
