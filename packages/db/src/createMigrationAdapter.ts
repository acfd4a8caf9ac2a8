import type { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import type { PrismaPg } from '@prisma/adapter-pg';
import type { Client } from 'pg';
import type { ResolvedDatabaseUrl } from './resolveDatabaseUrl.ts';
import { sqliteFilePath } from './sqliteFilePath.ts';

// Catalog types that are text on the wire but unknown to the adapter: `name` (identifiers) and
// `"char"` (one-letter kinds such as pg_class.relkind).
const PG_TEXTUAL_CATALOG_OIDS = new Set([18, 19]);
const PG_TEXT_OID = 25;

/**
 * The driver adapter the Prisma CLI (migrate deploy, db pull, migrate diff) uses, for
 * packages/db/prisma.config.ts.
 *
 * PostgreSQL needs a workaround: Prisma's schema engine reads the catalog, whose identifier columns
 * have the types `name` and `"char"`, which @prisma/adapter-pg 6.19 does not map ("Column type 'name'
 * could not be deserialized from the database", prisma/prisma#27403). Their values are plain strings,
 * so the pg client used here reports such columns as `text`. The application's client never selects
 * catalog columns and uses the adapter unmodified.
 */
export async function createMigrationAdapter(
  database: ResolvedDatabaseUrl,
): Promise<PrismaBetterSQLite3 | PrismaPg> {
  if (database.engine === 'sqlite') {
    const { PrismaBetterSQLite3: Adapter } = await import('@prisma/adapter-better-sqlite3');
    return new Adapter({ url: sqliteFilePath(database.url) });
  }
  const [{ PrismaPg: Adapter }, { default: pg }] = await Promise.all([
    import('@prisma/adapter-pg'),
    import('pg'),
  ]);

  class NameAsTextClient extends pg.Client {}
  const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  const nameAsText = (result: unknown): unknown => {
    for (const one of Array.isArray(result) ? result : [result]) {
      for (const field of (one as { fields?: Array<{ dataTypeID: number }> } | undefined)?.fields ?? []) {
        if (PG_TEXTUAL_CATALOG_OIDS.has(field.dataTypeID)) field.dataTypeID = PG_TEXT_OID;
      }
    }
    return result;
  };
  // pg-pool calls query with a callback, the adapter without (and awaits the promise).
  NameAsTextClient.prototype.query = function (this: Client, ...args: unknown[]) {
    const callback = args.at(-1);
    if (typeof callback === 'function') {
      args[args.length - 1] = (error: unknown, result: unknown) =>
        callback(error, error ? result : nameAsText(result));
      return query.apply(this, args);
    }
    const returned = query.apply(this, args);
    return returned instanceof Promise ? returned.then(nameAsText) : returned;
  } as Client['query'];

  // allowExitOnIdle: the CLI does not dispose the adapter when it is done, and idle pooled connections
  // would keep its process alive for pg's idle timeout (10 s). (Measured: 11 s per command without.)
  const pool = new pg.Pool({
    connectionString: database.url,
    Client: NameAsTextClient,
    allowExitOnIdle: true,
  });
  return new Adapter(pool, { disposeExternalPool: true });
}
