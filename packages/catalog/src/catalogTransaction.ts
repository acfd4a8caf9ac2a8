import { type Database, isUniqueConstraintViolation, type Prisma } from '@callflow/db';
import { takeCatalogLock } from './takeCatalogLock.ts';

/** How often a transaction that lost a race on a unique key (a version number, an extension) is re-run. */
const ATTEMPTS = 3;

/**
 * Runs a catalog change (flows, versions, publications, and the audit entry that says who made it) as
 * one transaction whose checks hold until it commits. Refusals (CatalogError) thrown by `work` roll it
 * back; check before writing anyway. Every catalog operation that writes goes through here, whoever
 * calls it (the API, the CLI, the e2e harness).
 *
 * SQLite: the first statement is a write (takeCatalogLock: a transaction that starts with a read fails
 * with SQLITE_BUSY once the runtime has written), which also makes other processes (another CLI, the
 * API) wait for the commit. The adapter has a single connection that an open transaction must not
 * share with other requests' statements. So `work` uses only `tx` (a query on `db.prisma` inside it
 * would run inside the transaction, or wait for it to end) and awaits nothing but its queries (no
 * fetch, no hashing, no timers): the synchronous driver then runs the transaction to its end without
 * handing the event loop to another request (measured).
 *
 * PostgreSQL: a transaction-scoped advisory lock (takeCatalogLock) serialises catalog changes, so "is
 * the extension free?", "is the revision current?" and "which number comes next?" cannot be answered
 * twice at once. A unique violation (a writer that takes no lock, e.g. an older CLI) re-runs the whole
 * transaction.
 */
export async function catalogTransaction<T>(
  db: Database,
  work: (tx: Prisma.TransactionClient) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.prisma.$transaction(async (tx) => {
        await takeCatalogLock(tx, db.engine);
        return work(tx);
      });
    } catch (error) {
      if (attempt >= ATTEMPTS || !isUniqueConstraintViolation(error)) throw error;
    }
  }
}
