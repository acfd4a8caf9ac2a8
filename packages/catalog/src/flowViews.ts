import {
  type FlowDetail,
  type FlowDraft,
  type FlowSummary,
  flowDraft,
  type VersionSummary,
} from '@callflow/contract';
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

/**
 * A flow's stored draft, read with the draft schema: saveDraft, createFlow and importFlow only store
 * flow drafts, so a row that is not one was changed outside Callflow (or by a bug), and is reported as
 * such, naming the flow and the first field that is wrong, instead of being passed on as a draft.
 */
export function storedDraft(flow: Pick<Flow, 'id' | 'document'>): FlowDraft {
  let stored: unknown;
  try {
    stored = JSON.parse(flow.document);
  } catch {
    throw new Error(`flow ${flow.id}: the stored draft is not JSON; the database row is damaged`);
  }
  const parsed = flowDraft.safeParse(stored);
  if (parsed.success) return parsed.data;
  const [issue] = parsed.error.issues;
  throw new Error(
    `flow ${flow.id}: the stored draft is not a flow draft (${issue?.path.join('.') || 'document'}: ${issue?.message}); the database row is damaged`,
  );
}

/** A flow with its draft as it was stored (a flow draft: saveDraft, createFlow and importFlow parse it first). */
export async function flowDetailOf(client: Prisma.TransactionClient, flow: Flow): Promise<FlowDetail> {
  const [summary] = await flowSummaries(client, [flow]);
  if (summary === undefined) throw new Error(`flow ${flow.id} has no summary`);
  return { ...summary, document: storedDraft(flow) };
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
