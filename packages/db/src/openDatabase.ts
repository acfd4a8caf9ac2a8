import type { DirectSql } from './DirectSql.ts';
import type { PrismaClient } from './generated/sqlite/client.ts';
import { openDirectSql, SQLITE_BUSY_TIMEOUT_MS } from './openDirectSql.ts';
import { type DatabaseEngine, resolveDatabaseUrl } from './resolveDatabaseUrl.ts';
import { serializeSqliteQueries } from './serializeSqliteQueries.ts';
import { sqliteFilePath } from './sqliteFilePath.ts';

export interface Database {
  engine: DatabaseEngine;
  /** One client type for both engines: the two generated clients have the same model API. */
  prisma: PrismaClient;
  /** A connection of its own for hot paths, opened on first use; see DirectSql. */
  readonly sql: DirectSql;
  /** Disconnects (closes the SQLite file or the PostgreSQL pool). */
  close(): Promise<void>;
}

/**
 * Connects to the database named by a DATABASE_URL value (default: `process.env.DATABASE_URL`, see
 * resolveDatabaseUrl). Does not migrate: call migrateDatabase first where that is wanted.
 * The engine's client and driver are imported on demand, so SQLite users never load `pg`.
 */
export async function openDatabase(rawUrl?: string): Promise<Database> {
  const { engine, url } = resolveDatabaseUrl(rawUrl);
  if (engine === 'sqlite') {
    const [{ PrismaClient }, { PrismaBetterSQLite3 }] = await Promise.all([
      import('./generated/sqlite/client.ts'),
      import('@prisma/adapter-better-sqlite3'),
    ]);
    const prisma = new PrismaClient({
      adapter: serializeSqliteQueries(
        new PrismaBetterSQLite3({ url: sqliteFilePath(url), timeout: SQLITE_BUSY_TIMEOUT_MS }),
      ),
    });
    try {
      // WAL lets the runtime read (it polls publications) while the API or the CLI writes, and is
      // remembered by the file. The adapter keeps one connection, so the other pragmas hold for it.
      await prisma.$queryRawUnsafe('PRAGMA journal_mode = WAL');
      await prisma.$executeRawUnsafe('PRAGMA foreign_keys = ON');
    } catch (error) {
      await prisma.$disconnect();
      throw new Error(`Cannot open the SQLite database ${url}: ${(error as Error).message}`, {
        cause: error,
      });
    }
    const direct = openDirectSql(engine, url);
    return { engine, prisma, sql: direct, close: () => closeBoth(prisma, direct) };
  }

  const [{ PrismaClient }, { PrismaPg }] = await Promise.all([
    import('./generated/postgresql/client.ts'),
    import('@prisma/adapter-pg'),
  ]);
  const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
  // The one type assertion between the engines: both clients are generated from the same models
  // (prisma/postgresql/schema.prisma is derived from prisma/schema.prisma and checked by a test), so
  // their model APIs are the same; only provider-specific extras differ (e.g. `mode: 'insensitive'`
  // string filters exist on PostgreSQL only and are therefore not typed here).
  const prisma = client as unknown as PrismaClient;
  const direct = openDirectSql(engine, url);
  return { engine, prisma, sql: direct, close: () => closeBoth(prisma, direct) };
}

async function closeBoth(prisma: PrismaClient, direct: DirectSql): Promise<void> {
  await Promise.all([prisma.$disconnect(), direct.close()]);
}
