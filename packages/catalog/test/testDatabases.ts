import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** A fresh, empty database for one suite, and how to remove it afterwards. */
export interface TestDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

/** A new SQLite file in a temporary folder. */
export async function freshSqliteDatabase(): Promise<TestDatabase> {
  return {
    url: `file:${join(mkdtempSync(join(tmpdir(), 'catalog-test-')), 'catalog.db')}`,
    drop: async () => {},
  };
}

async function onServer(serverUrl: string, statement: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}

/** A new database on the PostgreSQL server TEST_DATABASE_URL_PG names (`bash scripts/db-postgres.sh start`). */
export async function freshPostgresDatabase(serverUrl: string): Promise<TestDatabase> {
  const name = `callflow_catalog_${crypto.randomUUID().replaceAll('-', '')}`;
  await onServer(serverUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => onServer(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}
