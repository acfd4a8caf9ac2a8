import type { FlowDetail } from '@callflow/contract';
import type { Database } from '@callflow/db';
import { findFlow } from './findFlow.ts';
import { flowDetailOf } from './flowViews.ts';

/** A flow with its draft document, versions count and where it is live; not_found otherwise. */
export async function getFlow(db: Database, flowId: string): Promise<FlowDetail> {
  return flowDetailOf(db.prisma, await findFlow(db.prisma, flowId));
}

/** The stored draft of a flow as it was saved (a flow draft, possibly with validation errors). */
export async function readDraft(db: Database, flowId: string): Promise<unknown> {
  return JSON.parse((await findFlow(db.prisma, flowId)).document);
}
