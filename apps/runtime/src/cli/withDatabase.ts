import { type Database, openDatabase } from '@callflow/db';

/** Runs `action` on a connection to DATABASE_URL (or the default database), closed afterwards. */
export async function withDatabase<T>(action: (db: Database) => Promise<T>): Promise<T> {
  const db = await openDatabase(process.env.DATABASE_URL);
  try {
    return await action(db);
  } finally {
    await db.close();
  }
}
