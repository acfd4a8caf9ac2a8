import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Database, migrateDatabase, openDatabase } from '@callflow/db';
import pg from 'pg';
import { createApiServer } from '../src/createApiServer.ts';
import { PasswordHashing } from '../src/services/auth/PasswordHashing.ts';

/**
 * Tests log in hundreds of times: their API hashes with N = 2^12 instead of OWASP's 2^17 (about 30
 * times less work). passwordHashing.test.ts tests the real parameters; `startTestApi(..., { passwords })` uses others.
 */
export const testPasswordHashing = new PasswordHashing({ N: 2 ** 12, r: 8, p: 1 });

export type Engine = 'sqlite' | 'postgresql';

export interface TestApi {
  readonly url: string;
  readonly db: Database;
  /** The test database, for a second connection of its own (as the CLI or the runtime would have). */
  readonly databaseUrl: string;
  readonly logs: string[];
  stop(): Promise<void>;
}

/**
 * A fresh database for one test file: a temp SQLite file, or a new database on the PostgreSQL server
 * named by TEST_DATABASE_URL_PG (the test script starts one). Under CI the PostgreSQL run must not
 * silently skip, so a missing server is an error.
 */
async function freshDatabaseUrl(engine: Engine): Promise<string> {
  if (engine === 'sqlite') return `file:${join(mkdtempSync(join(tmpdir(), 'api-test-')), 'api.db')}`;
  const serverUrl = process.env.TEST_DATABASE_URL_PG;
  if (serverUrl === undefined) {
    throw new Error(
      'TEST_DATABASE_URL_PG is not set: start one with `bash scripts/db-postgres.sh start` (npm test does)',
    );
  }
  const name = `callflow_api_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Engines the API suites run on: both under `npm test`, SQLite only when no PostgreSQL is configured locally. */
export function testEngines(): Engine[] {
  return process.env.TEST_DATABASE_URL_PG !== undefined || process.env.CI === 'true'
    ? ['sqlite', 'postgresql']
    : ['sqlite'];
}

/** Starts the real API (HTTP, sessions, database) on an ephemeral port. */
export async function startTestApi(
  engine: Engine,
  env: Record<string, string> = {},
  options: { passwords?: PasswordHashing } = {},
): Promise<TestApi> {
  const databaseUrl = await freshDatabaseUrl(engine);
  await migrateDatabase(databaseUrl);
  const db = await openDatabase(databaseUrl);
  const logs: string[] = [];
  const { server } = await createApiServer({
    db,
    env: { API_PORT: '0', ...env },
    passwords: options.passwords ?? testPasswordHashing,
    log: (level, message, fields) => logs.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`),
  });
  const address = (server as Server).address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    db,
    databaseUrl,
    logs,
    stop: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await db.close();
    },
  };
}
