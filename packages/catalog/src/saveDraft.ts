import type { FlowDraft } from '@callflow/contract';
import type { Database } from '@callflow/db';
import { CatalogError } from './CatalogError.ts';
import { catalogTransaction } from './catalogTransaction.ts';
import { findFlow } from './findFlow.ts';

/**
 * Saves a flow's draft (parsed by the caller; it may have validation errors, fields out of range
 * included: it is stored as it is, and createVersionFromDraft refuses it until they are fixed) if
 * `revision` is still the current one (stale_revision otherwise); the revision goes up by one.
 */
export async function saveDraft(
  db: Database,
  flowId: string,
  draft: { readonly revision: number; readonly document: FlowDraft },
): Promise<{ revision: number; updatedAt: Date }> {
  const saved = await catalogTransaction(db, async (tx) => {
    const flow = await findFlow(tx, flowId);
    if (flow.revision !== draft.revision) throw CatalogError.staleRevision(flow.revision);
    return tx.flow.update({
      where: { id: flow.id },
      data: { document: JSON.stringify(draft.document), revision: { increment: 1 } },
    });
  });
  return { revision: saved.revision, updatedAt: saved.updatedAt };
}
