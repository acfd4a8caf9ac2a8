import type { FlowDetail, FlowDraft, FlowSummary, VersionSummary } from '@callflow/contract';
import type { Flow, FlowVersion, Prisma } from '@callflow/db';

type FlowRow = Pick<Flow, 'id' | 'name' | 'revision' | 'createdAt' | 'updatedAt'>;

/** The columns a flow summary needs (not the document, which can be large). */
export const flowSummaryColumns = {
  id: true,
  name: true,
  revision: true,
  createdAt: true,
  updatedAt: true,
} as const satisfies Prisma.FlowSelect;

/** Summaries of flows (version count, latest version, where they are live) in two queries for all. */
export async function flowSummaries(
  client: Prisma.TransactionClient,
  flows: readonly FlowRow[],
): Promise<FlowSummary[]> {
  const ids = flows.map((flow) => flow.id);
  const versions = await client.flowVersion.groupBy({
    by: ['flowId'],
    where: { flowId: { in: ids } },
    _count: { _all: true },
    _max: { number: true },
  });
  const publications = await client.publication.findMany({
    where: { flowId: { in: ids } },
    include: { flowVersion: { select: { number: true } } },
    orderBy: { extension: 'asc' },
  });
  const versionsOf = new Map(versions.map((row) => [row.flowId, row]));
  return flows.map((flow) => {
    const counted = versionsOf.get(flow.id);
    return {
      id: flow.id,
      name: flow.name,
      revision: flow.revision,
      createdAt: flow.createdAt.toISOString(),
      updatedAt: flow.updatedAt.toISOString(),
      versionCount: counted?._count._all ?? 0,
      latestVersion: counted?._max.number ?? null,
      publications: publications
        .filter((publication) => publication.flowId === flow.id)
        .map((publication) => ({
          extension: publication.extension,
          version: publication.flowVersion.number,
          versionId: publication.flowVersionId,
          publishedAt: publication.publishedAt.toISOString(),
        })),
    };
  });
}

/** A flow with its draft as it was stored (a flow draft: saveDraft and createFlow parse it first). */
export async function flowDetailOf(client: Prisma.TransactionClient, flow: Flow): Promise<FlowDetail> {
  const [summary] = await flowSummaries(client, [flow]);
  if (summary === undefined) throw new Error(`flow ${flow.id} has no summary`);
  return { ...summary, document: JSON.parse(flow.document) as FlowDraft };
}

/** A version's metadata; `liveOn` lists the extensions that run it. */
export function versionSummaryOf(
  version: Pick<FlowVersion, 'id' | 'number' | 'note' | 'author' | 'schemaVersion' | 'createdAt'>,
  liveOn: readonly string[],
): VersionSummary {
  return {
    id: version.id,
    number: version.number,
    note: version.note,
    author: version.author,
    schemaVersion: version.schemaVersion,
    createdAt: version.createdAt.toISOString(),
    liveOn: [...liveOn],
  };
}
