import type { Prisma } from '@callflow/db';

/**
 * Makes a transaction's first statement a write. SQLite (WAL) cannot upgrade a transaction that began
 * with a read once another connection (the runtime writing its call log) has written: it fails at once
 * with SQLITE_BUSY instead of waiting. A transaction that starts by writing waits its turn instead.
 * On PostgreSQL this statement changes nothing and costs nothing.
 */
export async function takeWriteLock(tx: Prisma.TransactionClient): Promise<void> {
  await tx.$executeRawUnsafe('UPDATE "Publication" SET "extension" = "extension" WHERE 1 = 0');
}
