import type { Database } from '@callflow/db';
import { unpublish } from '../unpublish.ts';

/** Takes an extension offline through the catalog's unpublish, as `callflow unpublish` does (actor `test`). */
export async function unpublishExtension(db: Database, extension: string): Promise<void> {
  await unpublish(db, extension, 'test');
}
