import type { FlowDetail } from '@callflow/contract';
import type { Database } from '@callflow/db';
import { catalogTransaction } from './catalogTransaction.ts';
import { findFlow } from './findFlow.ts';
import { flowDetailOf } from './flowViews.ts';

/** A new flow with a copy of a flow's draft (no versions, not published); default name "<name> (copy)". */
export async function duplicateFlow(db: Database, flowId: string, name?: string): Promise<FlowDetail> {
  const copy = await catalogTransaction(db, async (tx) => {
    const flow = await findFlow(tx, flowId);
    return tx.flow.create({
      data: { name: name ?? `${flow.name.slice(0, 113)} (copy)`, document: flow.document },
    });
  });
  return flowDetailOf(db.prisma, copy);
}
