// Prisma CLI configuration for both engines, chosen by DATABASE_URL like the application does
// (unset or file: → SQLite, postgres:// → PostgreSQL). Prisma 6's classic engines would download
// binaries at run time, which this project cannot rely on, so the CLI runs its JavaScript schema
// engine over driver adapters (see src/createMigrationAdapter.ts).
import { defineConfig } from 'prisma/config';
import { createMigrationAdapter } from './src/createMigrationAdapter.ts';
import { prismaPaths } from './src/prismaPaths.ts';
import { resolveDatabaseUrl } from './src/resolveDatabaseUrl.ts';

const database = resolveDatabaseUrl();
const paths = prismaPaths(database.engine);

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: paths.schema,
  migrations: { path: paths.migrations },
  adapter: () => createMigrationAdapter(database),
});
