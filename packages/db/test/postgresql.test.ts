import pg from 'pg';
import { describeDatabaseContract } from './describeDatabaseContract.ts';

const serverUrl = process.env.TEST_DATABASE_URL_PG;
const ci = !['', '0', 'false'].includes((process.env.CI ?? '').toLowerCase());

if (!serverUrl && ci) {
  // Under CI a missing server must fail the run, not silently skip half of the storage tests.
  throw new Error(
    'TEST_DATABASE_URL_PG is not set, so the PostgreSQL tests cannot run (CI is set, so this is a failure). ' +
      'Start a throw-away server with `export TEST_DATABASE_URL_PG="$(scripts/db-postgres.sh start)"`, ' +
      'or run `bash scripts/db-test.sh`.',
  );
}

if (serverUrl) {
  describeDatabaseContract('PostgreSQL', async () => {
    // A fresh database per run on the given server, so runs neither see nor disturb each other.
    const name = `callflow_test_${crypto.randomUUID().replaceAll('-', '')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE "${name}"`);
    } finally {
      await admin.end();
    }
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      drop: async () => {
        const dropper = new pg.Client({ connectionString: serverUrl });
        await dropper.connect();
        try {
          await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        } finally {
          await dropper.end();
        }
      },
    };
  });
}
