import type { FlowSummary } from '@callflow/contract';
import type { Database } from '@callflow/db';
import { catalogTransaction } from './catalogTransaction.ts';
import { findFlow } from './findFlow.ts';
import { flowSummaries } from './flowViews.ts';

/** Renames a flow; its draft and revision are untouched. */
export async function renameFlow(db: Database, flowId: string, name: string): Promise<FlowSummary> {
  const flow = await catalogTransaction(db, async (tx) => {
    await findFlow(tx, flowId);
    return tx.flow.update({ where: { id: flowId }, data: { name } });
  });
  const [summary] = await flowSummaries(db.prisma, [flow]);
  if (summary === undefined) throw new Error(`flow ${flowId} has no summary`);
  return summary;
}
