import type { DirectSql } from './DirectSql.ts';
import type { DatabaseEngine } from './resolveDatabaseUrl.ts';
import { sqliteFilePath } from './sqliteFilePath.ts';

/** How long a SQLite statement waits for another process's write lock before failing with SQLITE_BUSY. */
export const SQLITE_BUSY_TIMEOUT_MS = 5000;

/**
 * The engine's direct connection (see DirectSql) for a resolved URL, opened on its first use, so
 * processes that never need it (the API) never hold one. Its driver is imported then too: SQLite
 * users never load `pg`.
 */
export function openDirectSql(engine: DatabaseEngine, url: string): DirectSql {
  let connection: Promise<DirectSql> | undefined;
  const open = async (): Promise<DirectSql> => {
    if (engine === 'sqlite') {
      const { openSqliteDirectSql } = await import('./openSqliteDirectSql.ts');
      return openSqliteDirectSql(sqliteFilePath(url), SQLITE_BUSY_TIMEOUT_MS);
    }
    const { openPostgresDirectSql } = await import('./openPostgresDirectSql.ts');
    return openPostgresDirectSql(url);
  };
  const connected = () => {
    // A failed open is not kept: the next use tries again (e.g. once the server is back).
    connection ??= open().catch((error: unknown) => {
      connection = undefined;
      throw error;
    });
    return connection;
  };
  return {
    transaction: async (statements) => (await connected()).transaction(statements),
    query: async (statement) => (await connected()).query(statement),
    execute: async (statement) => (await connected()).execute(statement),
    close: async () => {
      const opened = connection;
      connection = undefined;
      await (await opened)?.close();
    },
  };
}
