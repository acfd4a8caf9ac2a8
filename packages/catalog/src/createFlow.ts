import type { FlowDetail, FlowDraft } from '@callflow/contract';
import type { Database } from '@callflow/db';
import { currentSchemaVersion, type FlowDocument, flowDocument } from '@callflow/flow';
import { catalogTransaction } from './catalogTransaction.ts';
import { flowDetailOf } from './flowViews.ts';

/** What a new flow starts with: a Start node, nothing else. */
export function starterDocument(): FlowDocument {
  return flowDocument.parse({
    schemaVersion: currentSchemaVersion,
    nodes: [{ id: 'start', kind: 'start', options: {} }],
    edges: [],
  });
}

/** A new flow whose draft is `document` (parsed by the caller; it may have validation errors) or a Start node. */
export async function createFlow(
  db: Database,
  flow: { readonly name: string; readonly document?: FlowDraft },
): Promise<FlowDetail> {
  const document = flow.document ?? starterDocument();
  const created = await catalogTransaction(db, (tx) =>
    tx.flow.create({ data: { name: flow.name, document: JSON.stringify(document) } }),
  );
  return flowDetailOf(db.prisma, created);
}
