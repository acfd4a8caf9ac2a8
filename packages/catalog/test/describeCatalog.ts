import { type Database, migrateDatabase, openDatabase } from '@callflow/db';
import { afterAll, beforeAll, describe } from 'vitest';
import { describeFlowsAndFiles } from './describeFlowsAndFiles.ts';
import { describePromptLibrary } from './describePromptLibrary.ts';
import { describePublishing } from './describePublishing.ts';
import { describeStaticSpeechBounds } from './describeStaticSpeechBounds.ts';
import type { TestDatabase } from './testDatabases.ts';

/** What both database engines must do the same: every catalog operation, on a fresh database. */
export function describeCatalog(engine: string, createDatabase: () => Promise<TestDatabase>): void {
  describe(`the catalog on ${engine}`, () => {
    let testDatabase: TestDatabase;
    let db: Database;
    /** A second connection, as another process (the CLI beside the API) would have. */
    let other: Database;

    beforeAll(async () => {
      testDatabase = await createDatabase();
      await migrateDatabase(testDatabase.url);
      db = await openDatabase(testDatabase.url);
      other = await openDatabase(testDatabase.url);
    });

    afterAll(async () => {
      await other?.close();
      await db?.close();
      await testDatabase?.drop();
    });

    describePublishing(() => ({ db, other }), { racing: engine !== 'SQLite' });
    describeFlowsAndFiles(() => db);
    describePromptLibrary(() => db);
    describeStaticSpeechBounds(() => db);
  });
}
