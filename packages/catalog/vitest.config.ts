import { configDefaults, defineConfig } from 'vitest/config';

const ci = !['', '0', 'false'].includes((process.env.CI ?? '').toLowerCase());
// The PostgreSQL run needs a server (npm test starts one). Locally without one it is left out, like the
// database package's; under CI it always runs and fails loudly when no server is set.
const withPostgres = process.env.TEST_DATABASE_URL_PG !== undefined || ci;

export default defineConfig({
  test: {
    // Migrations run the Prisma CLI in a child process: seconds, not milliseconds.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    exclude: withPostgres ? configDefaults.exclude : [...configDefaults.exclude, 'test/postgresql.test.ts'],
  },
});
