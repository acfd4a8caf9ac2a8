import {
  createVersionBody,
  errorBody,
  versionDetail,
  versionListResponse,
  versionSummary,
} from '@callflow/contract';
import type { Prisma } from '@callflow/db';
import type { FlowDocument } from '@callflow/flow';
import { ApiError } from '../../http/ApiError.ts';
import { defineRoute } from '../../http/defineRoute.ts';
import { createVersionFromDraft } from './createVersionFromDraft.ts';
import { staleRevision } from './draftRoutes.ts';
import { versionSummaryOf } from './flowViews.ts';
import { actorOf, loadFlow } from './loadFlow.ts';
import { flowIdParams, versionNumberParam } from './schemas.ts';
import { writeTransaction } from './writeTransaction.ts';

const tag = 'versions';

/** Extensions running each of a flow's versions, by version id. */
async function liveOnByVersion(
  client: Prisma.TransactionClient,
  flowId: string,
): Promise<Map<string, string[]>> {
  const publications = await client.publication.findMany({
    where: { flowId },
    orderBy: { extension: 'asc' },
  });
  const byVersion = new Map<string, string[]>();
  for (const publication of publications) {
    const list = byVersion.get(publication.flowVersionId) ?? [];
    list.push(publication.extension);
    byVersion.set(publication.flowVersionId, list);
  }
  return byVersion;
}

export const createVersion = defineRoute({
  method: 'post',
  path: '/flows/:flowId/versions',
  summary:
    'Snapshot the draft as the next immutable version (author: you). 422 invalid_flow with the problems when the draft has errors; with `revision`, 409 stale_revision when the draft changed since',
  tag,
  access: 'editor',
  params: flowIdParams,
  body: createVersionBody,
  responses: { 201: versionSummary, 404: errorBody, 409: errorBody, 422: errorBody },
  handler: async ({ params, body, services, user }) => {
    const actor = actorOf(user);
    const version = await writeTransaction(services.db, async (tx) => {
      const flow = await loadFlow(tx, params.flowId);
      if (body.revision !== undefined && body.revision !== flow.revision) throw staleRevision(flow.revision);
      return createVersionFromDraft(tx, flow, { note: body.note, author: actor.username });
    });
    return { status: 201, body: versionSummaryOf(version, []) };
  },
});

export const listVersions = defineRoute({
  method: 'get',
  path: '/flows/:flowId/versions',
  summary: 'A flow’s versions, newest first, with the extensions each is live on',
  tag,
  access: 'viewer',
  params: flowIdParams,
  responses: { 200: versionListResponse, 404: errorBody },
  handler: async ({ params, services }) => {
    const { prisma } = services.db;
    await loadFlow(prisma, params.flowId);
    const versions = await prisma.flowVersion.findMany({
      where: { flowId: params.flowId },
      orderBy: { number: 'desc' },
      omit: { document: true },
    });
    const liveOn = await liveOnByVersion(prisma, params.flowId);
    return {
      status: 200,
      body: { versions: versions.map((version) => versionSummaryOf(version, liveOn.get(version.id) ?? [])) },
    };
  },
});

export const getVersion = defineRoute({
  method: 'get',
  path: '/flows/:flowId/versions/:number',
  summary: 'One version with its document',
  tag,
  access: 'viewer',
  params: flowIdParams.extend({ number: versionNumberParam }),
  responses: { 200: versionDetail, 404: errorBody },
  handler: async ({ params, services }) => {
    const { prisma } = services.db;
    const flow = await loadFlow(prisma, params.flowId);
    const version = await prisma.flowVersion.findUnique({
      where: { flowId_number: { flowId: flow.id, number: params.number } },
    });
    if (version === null) throw ApiError.notFound(`version ${params.number} of flow "${flow.name}"`);
    const liveOn = await liveOnByVersion(prisma, flow.id);
    return {
      status: 200,
      body: {
        ...versionSummaryOf(version, liveOn.get(version.id) ?? []),
        document: JSON.parse(version.document) as FlowDocument,
      },
    };
  },
});

export const versionRoutes = [createVersion, listVersions, getVersion];
