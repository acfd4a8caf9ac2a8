import { describeCatalog } from './describeCatalog.ts';
import { freshPostgresDatabase } from './testDatabases.ts';

const serverUrl = process.env.TEST_DATABASE_URL_PG;
if (serverUrl === undefined) {
  // vitest.config.ts leaves this file out without a server, except under CI, where that is a failure.
  throw new Error(
    'TEST_DATABASE_URL_PG is not set, so the PostgreSQL catalog tests cannot run: start a server with `export TEST_DATABASE_URL_PG="$(bash scripts/db-postgres.sh start)"`',
  );
}
describeCatalog('PostgreSQL', () => freshPostgresDatabase(serverUrl));
