import type { VersionDetail } from '@callflow/contract';
import type { Database } from '@callflow/db';
import type { FlowDocument } from '@callflow/flow';
import { CatalogError } from './CatalogError.ts';
import { findFlow } from './findFlow.ts';
import { versionSummaryOf } from './flowViews.ts';
import { liveOnByVersion } from './liveOnByVersion.ts';

/** One version with its document; not_found names the flow and the number. */
export async function getVersion(db: Database, flowId: string, number: number): Promise<VersionDetail> {
  const { prisma } = db;
  const flow = await findFlow(prisma, flowId);
  const version = await prisma.flowVersion.findUnique({
    where: { flowId_number: { flowId: flow.id, number } },
  });
  if (version === null) throw CatalogError.notFound(`version ${number} of flow "${flow.name}"`);
  const liveOn = await liveOnByVersion(prisma, flow.id);
  return {
    ...versionSummaryOf(version, liveOn.get(version.id) ?? []),
    document: JSON.parse(version.document) as FlowDocument,
  };
}
