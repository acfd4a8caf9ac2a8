// Usage: npm run -w @callflow/db migrate
// Applies the pending committed migrations to the database named by DATABASE_URL (default: the
// embedded SQLite file <repo>/data/callflow.db).
import { migrateDatabase } from '../src/migrateDatabase.ts';
import { redactDatabaseUrl } from '../src/redactDatabaseUrl.ts';
import { resolveDatabaseUrl } from '../src/resolveDatabaseUrl.ts';

try {
  const { engine, url } = resolveDatabaseUrl();
  await migrateDatabase(url);
  console.log(`Migrated the ${engine} database ${redactDatabaseUrl(url)}`);
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
}
