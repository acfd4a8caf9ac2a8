import type { PublicationView } from '@callflow/contract';
import type { Database } from '@callflow/db';
import { catalogTransaction } from './catalogTransaction.ts';
import { findPublication, publicationOf } from './publicationViews.ts';
import { type CatalogActor, recordAudit } from './recordAudit.ts';

/**
 * Takes an extension offline, audited as `unpublish`; the dialplan rejects new calls to it once the
 * runtime notices (< 1 s) and calls already in it finish. not_published when nothing is live there.
 */
export async function unpublish(
  db: Database,
  extension: string,
  actor: CatalogActor,
): Promise<PublicationView> {
  return catalogTransaction(db, async (tx) => {
    const removed = publicationOf(await findPublication(tx, extension));
    await tx.publication.delete({ where: { extension } });
    await recordAudit(tx, {
      actor,
      action: 'unpublish',
      target: extension,
      details: { flowId: removed.flowId, flowName: removed.flowName, version: removed.version },
    });
    return removed;
  });
}
