import { redactDatabaseUrl } from './redactDatabaseUrl.ts';
import { resolveDatabaseUrl } from './resolveDatabaseUrl.ts';
import { runPrismaCli } from './runPrismaCli.ts';

/**
 * Applies the committed migrations of the database's engine (prisma/migrations for SQLite,
 * prisma/postgresql/migrations for PostgreSQL) that it has not applied yet: `prisma migrate deploy`.
 * Safe to run at every start. Throws with Prisma's output (password removed) when it fails.
 */
export async function migrateDatabase(rawUrl?: string): Promise<void> {
  const database = resolveDatabaseUrl(rawUrl);
  const result = await runPrismaCli(['migrate', 'deploy'], database);
  if (result.code !== 0) {
    const output = `${result.stdout}\n${result.stderr}`.trim();
    throw new Error(
      `Migrating the ${database.engine} database ${redactDatabaseUrl(database.url)} failed ` +
        `(prisma migrate deploy exited with ${result.code}):\n${output}`,
    );
  }
}
