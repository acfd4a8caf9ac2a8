import { publishFlow } from '@callflow/catalog/testing';
import type { Database } from '@callflow/db';
import { waitingMenuFlow } from './waitingMenuFlow.ts';

/** Publishes (a new version of) the waiting menu on `extension`, as the CLI does. */
export async function publishWaitingMenu(db: Database, extension: string): Promise<void> {
  if (waitingMenuFlow.document === null) throw new Error('invalid test flow');
  await publishFlow(db, {
    name: `menu ${extension}`,
    document: waitingMenuFlow.document,
    extension,
    note: '',
    author: null,
    replace: true,
  });
}
