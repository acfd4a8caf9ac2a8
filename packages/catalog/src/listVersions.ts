import type { VersionSummary } from '@callflow/contract';
import type { Database } from '@callflow/db';
import { findFlow } from './findFlow.ts';
import { versionSummaryOf } from './flowViews.ts';
import { liveOnByVersion } from './liveOnByVersion.ts';

/** A flow's versions, newest first, with the extensions each is live on. */
export async function listVersions(db: Database, flowId: string): Promise<VersionSummary[]> {
  const { prisma } = db;
  await findFlow(prisma, flowId);
  const rows = await prisma.flowVersion.findMany({
    where: { flowId },
    orderBy: { number: 'desc' },
    omit: { document: true },
  });
  const liveOn = await liveOnByVersion(prisma, flowId);
  return rows.map((version) => versionSummaryOf(version, liveOn.get(version.id) ?? []));
}
