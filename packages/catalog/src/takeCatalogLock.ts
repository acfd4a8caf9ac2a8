import type { Database, Prisma } from '@callflow/db';
import { takeWriteLock } from './takeWriteLock.ts';

/** Key of the PostgreSQL advisory lock for catalog changes (any constant; "cflw" in ASCII). */
const CATALOG_LOCK = 0x63666c77;

/**
 * Makes a catalog change (flows, versions, publications) wait for any other one to commit, whichever
 * process makes it (the API, the CLI), so that "is the extension free?", "is the revision current?"
 * and "which number comes next?" are never answered twice at once. Call it first in the transaction.
 *
 * SQLite: the first statement is a write (takeWriteLock), which holds the database's one write lock
 * until the commit. PostgreSQL: a transaction-scoped advisory lock, released at commit or rollback.
 * Without it a CLI publish racing an API publish read the same last version number and one of them
 * failed on the unique key.
 */
export async function takeCatalogLock(
  tx: Prisma.TransactionClient,
  engine: Database['engine'],
): Promise<void> {
  await takeWriteLock(tx);
  if (engine === 'postgresql')
    await tx.$queryRawUnsafe(`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(${CATALOG_LOCK})) AS l`);
}
