import {
  errorBody,
  type HeldView,
  type PublicationView,
  publicationListResponse,
  publishBody,
  publishResponse,
  rollbackBody,
  rollbackResponse,
  unpublishResponse,
} from '@callflow/contract';
import type { Prisma } from '@callflow/db';
import { extension, type FlowProblem, flowDocument } from '@callflow/flow';
import { z } from 'zod';
import { ApiError } from '../../http/ApiError.ts';
import { type ApiServices, defineRoute } from '../../http/defineRoute.ts';
import { withSecretWarnings } from '../secrets/withSecretWarnings.ts';
import { createVersionFromDraft } from './createVersionFromDraft.ts';
import { staleRevision } from './draftRoutes.ts';
import { actorOf, loadFlow } from './loadFlow.ts';
import { runtimeApplied } from './runtimeApplied.ts';
import { writeTransaction } from './writeTransaction.ts';

const tag = 'publications';

const extensionParams = z.object({ extension }).strict();

const withFlow = { flowVersion: { include: { flow: { select: { name: true } } } } } as const;
type PublicationWithFlow = Prisma.PublicationGetPayload<{ include: typeof withFlow }>;

function publicationOf(row: PublicationWithFlow): PublicationView {
  return {
    extension: row.extension,
    flowId: row.flowId,
    flowName: row.flowVersion.flow.name,
    version: row.flowVersion.number,
    versionId: row.flowVersionId,
    publishedAt: row.publishedAt.toISOString(),
  };
}

function heldOf(row: PublicationWithFlow): HeldView {
  return { flowId: row.flowId, flowName: row.flowVersion.flow.name, version: row.flowVersion.number };
}

async function loadPublication(
  client: Prisma.TransactionClient,
  onExtension: string,
): Promise<PublicationWithFlow> {
  const held = await client.publication.findUnique({ where: { extension: onExtension }, include: withFlow });
  if (held === null)
    throw new ApiError(404, 'not_published', `nothing is published on extension ${onExtension}`);
  return held;
}

/**
 * What the published version will miss when it runs: secrets it names that the credentials store
 * does not hold. The version was validated when it was made; this only reads it.
 */
async function secretWarningsOf(
  services: ApiServices,
  documentText: string,
): Promise<readonly FlowProblem[]> {
  const parsed = flowDocument.safeParse(JSON.parse(documentText));
  return parsed.success ? withSecretWarnings(services, { document: parsed.data, problems: [] }) : [];
}

export const listPublications = defineRoute({
  method: 'get',
  path: '/publications',
  summary:
    'Every live extension with its flow and version, and `applied`: whether the runtime reports serving that version (`unknown` when no runtime reported in the last 10 s)',
  tag,
  access: 'viewer',
  responses: {
    200: publicationListResponse,
  },
  handler: async ({ services }) => {
    const { prisma } = services.db;
    const rows = await prisma.publication.findMany({ include: withFlow, orderBy: { extension: 'asc' } });
    const applied = await runtimeApplied(prisma);
    return {
      status: 200,
      body: {
        publications: rows.map((row) => ({
          ...publicationOf(row),
          applied: applied(row.extension, row.flowVersionId),
        })),
      },
    };
  },
});

export const publish = defineRoute({
  method: 'put',
  path: '/publications/:extension',
  summary:
    'Publish a flow on an extension: `version` N, or (omitted) the current draft as a new version. 409 extension_taken when another flow holds the extension, unless `replace`',
  tag,
  access: 'editor',
  params: extensionParams,
  body: publishBody,
  responses: {
    200: publishResponse,
    404: errorBody,
    409: errorBody,
    422: errorBody,
  },
  handler: async ({ params, body, services, user }) => {
    const actor = actorOf(user);
    const result = await writeTransaction(services.db, async (tx) => {
      const flow = await loadFlow(tx, body.flowId);
      const held = await tx.publication.findUnique({
        where: { extension: params.extension },
        include: withFlow,
      });
      if (held !== null && held.flowId !== flow.id && !body.replace) {
        throw ApiError.conflict(
          'extension_taken',
          `extension ${params.extension} runs flow "${held.flowVersion.flow.name}" (version ${held.flowVersion.number}); publish with replace to take it over`,
          { extension: params.extension, heldBy: heldOf(held) },
        );
      }
      let version: { id: string; number: number; document: string };
      if (body.version === undefined) {
        if (body.revision !== undefined && body.revision !== flow.revision)
          throw staleRevision(flow.revision);
        version = await createVersionFromDraft(tx, flow, { note: body.note, author: actor.username });
      } else {
        const found = await tx.flowVersion.findUnique({
          where: { flowId_number: { flowId: flow.id, number: body.version } },
          select: { id: true, number: true, document: true },
        });
        if (found === null) throw ApiError.notFound(`version ${body.version} of flow "${flow.name}"`);
        version = found;
      }
      const row = await tx.publication.upsert({
        where: { extension: params.extension },
        create: { extension: params.extension, flowId: flow.id, flowVersionId: version.id },
        update: { flowId: flow.id, flowVersionId: version.id, publishedAt: new Date() },
        include: withFlow,
      });
      return {
        publication: publicationOf(row),
        createdVersion: body.version === undefined,
        previous: held === null ? null : heldOf(held),
        document: version.document,
      };
    });
    await services.audit({
      actor: actor.username,
      action: 'publish',
      target: params.extension,
      details: {
        flowId: result.publication.flowId,
        flowName: result.publication.flowName,
        version: result.publication.version,
        createdVersion: result.createdVersion,
        previous: result.previous,
        replaced: result.previous !== null && result.previous.flowId !== result.publication.flowId,
        ...(body.note === '' ? {} : { note: body.note }),
      },
    });
    return {
      status: 200,
      body: {
        ...result.publication,
        createdVersion: result.createdVersion,
        previous: result.previous,
        warnings: await secretWarningsOf(services, result.document),
      },
    };
  },
});

export const unpublish = defineRoute({
  method: 'delete',
  path: '/publications/:extension',
  summary:
    'Take an extension offline (calls already in it finish); 404 not_published when nothing is live there',
  tag,
  access: 'editor',
  params: extensionParams,
  responses: { 200: unpublishResponse, 404: errorBody },
  handler: async ({ params, services, user }) => {
    const actor = actorOf(user);
    const removed = await writeTransaction(services.db, async (tx) => {
      const held = await loadPublication(tx, params.extension);
      await tx.publication.delete({ where: { extension: params.extension } });
      return publicationOf(held);
    });
    await services.audit({
      actor: actor.username,
      action: 'unpublish',
      target: params.extension,
      details: { flowId: removed.flowId, flowName: removed.flowName, version: removed.version },
    });
    return { status: 200, body: removed };
  },
});

export const rollback = defineRoute({
  method: 'post',
  path: '/publications/:extension/rollback',
  summary:
    'Point an extension back at an older version of the flow it runs; 409 not_older unless `version` is older than the live one',
  tag,
  access: 'editor',
  params: extensionParams,
  body: rollbackBody,
  responses: {
    200: rollbackResponse,
    404: errorBody,
    409: errorBody,
  },
  handler: async ({ params, body, services, user }) => {
    const actor = actorOf(user);
    const result = await writeTransaction(services.db, async (tx) => {
      const held = await loadPublication(tx, params.extension);
      const live = held.flowVersion.number;
      if (body.version >= live) {
        throw ApiError.conflict(
          'not_older',
          `extension ${params.extension} runs version ${live} of flow "${held.flowVersion.flow.name}": ${live > 1 ? `roll back to one of versions 1 to ${live - 1}` : 'there is no older version'}, or publish version ${body.version} instead`,
          { liveVersion: live },
        );
      }
      const target = await tx.flowVersion.findUnique({
        where: { flowId_number: { flowId: held.flowId, number: body.version } },
        select: { id: true },
      });
      if (target === null)
        throw ApiError.notFound(`version ${body.version} of flow "${held.flowVersion.flow.name}"`);
      const row = await tx.publication.update({
        where: { extension: params.extension },
        data: { flowVersionId: target.id, publishedAt: new Date() },
        include: withFlow,
      });
      return { publication: publicationOf(row), previousVersion: live };
    });
    await services.audit({
      actor: actor.username,
      action: 'rollback',
      target: params.extension,
      details: {
        flowId: result.publication.flowId,
        flowName: result.publication.flowName,
        from: result.previousVersion,
        to: result.publication.version,
      },
    });
    return { status: 200, body: { ...result.publication, previousVersion: result.previousVersion } };
  },
});

export const publicationRoutes = [listPublications, publish, unpublish, rollback];
