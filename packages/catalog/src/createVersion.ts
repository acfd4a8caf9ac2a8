import type { VersionSummary } from '@callflow/contract';
import type { Database } from '@callflow/db';
import { CatalogError } from './CatalogError.ts';
import { catalogTransaction } from './catalogTransaction.ts';
import { createVersionFromDraft } from './createVersionFromDraft.ts';
import { findFlow } from './findFlow.ts';
import { versionSummaryOf } from './flowViews.ts';
import type { CatalogActor } from './recordAudit.ts';

/**
 * Snapshots the draft as the next version, authored by `actor`. With `revision`, stale_revision
 * when the draft changed since; invalid_flow when the draft has errors.
 */
export async function createVersion(
  db: Database,
  flowId: string,
  request: { readonly note: string; readonly revision?: number | undefined },
  actor: CatalogActor,
): Promise<VersionSummary> {
  const version = await catalogTransaction(db, async (tx) => {
    const flow = await findFlow(tx, flowId);
    if (request.revision !== undefined && request.revision !== flow.revision)
      throw CatalogError.staleRevision(flow.revision);
    return createVersionFromDraft(tx, flow, { note: request.note, author: actor });
  });
  return versionSummaryOf(version, []);
}
