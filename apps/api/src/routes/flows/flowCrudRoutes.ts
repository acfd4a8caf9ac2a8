import {
  createFlowBody,
  duplicateFlowBody,
  errorBody,
  flowDetail,
  flowListResponse,
  flowSummary,
  renameFlowBody,
} from '@callflow/contract';
import { type Database, Prisma } from '@callflow/db';
import { z } from 'zod';
import { ApiError } from '../../http/ApiError.ts';
import { defineRoute } from '../../http/defineRoute.ts';
import { decodeFlowCursor, encodeFlowCursor } from './flowCursor.ts';
import { flowDetailOf, flowSummaries, flowSummaryColumns } from './flowViews.ts';
import { actorOf, loadFlow } from './loadFlow.ts';
import { parseDraft, starterDocument } from './parseDraft.ts';
import { flowIdParams } from './schemas.ts';
import { writeTransaction } from './writeTransaction.ts';

const tag = 'flows';

/**
 * One page of flows (id and name) by name (then id), after the cursor's flow, optionally only names containing
 * `search` in any case. Raw SQL because Prisma's `contains` passes `%` and `_` on to LIKE as
 * wildcards; `instr`/`strpos` find the text literally. Case folding is the database's `lower()`:
 * every letter on PostgreSQL (per its locale), ASCII letters only on SQLite.
 */
async function pageOfFlows(
  db: Database,
  page: { search: string; after: { name: string; id: string } | null; take: number },
): Promise<{ id: string; name: string }[]> {
  const conditions: Prisma.Sql[] = [];
  if (page.search !== '') {
    conditions.push(
      db.engine === 'postgresql'
        ? Prisma.sql`strpos(lower("name"), lower(${page.search})) > 0`
        : Prisma.sql`instr(lower("name"), lower(${page.search})) > 0`,
    );
  }
  if (page.after !== null) {
    const { name, id } = page.after;
    conditions.push(Prisma.sql`("name" > ${name} OR ("name" = ${name} AND "id" > ${id}))`);
  }
  const where =
    conditions.length === 0 ? Prisma.empty : Prisma.sql`WHERE ${Prisma.join(conditions, ' AND ')}`;
  return db.prisma.$queryRaw<{ id: string; name: string }[]>`
    SELECT "id", "name" FROM "Flow" ${where} ORDER BY "name" ASC, "id" ASC LIMIT ${page.take}`;
}

export const listFlows = defineRoute({
  method: 'get',
  path: '/flows',
  summary: 'Flows by name (then id), optionally only those whose name contains `search` (any case); paged',
  tag,
  access: 'viewer',
  query: z.object({
    search: z.string().trim().max(120).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    /** `nextCursor` of the previous page. */
    cursor: z.string().max(2000).optional(),
  }),
  responses: { 200: flowListResponse },
  handler: async ({ query, services }) => {
    const { prisma } = services.db;
    const after = query.cursor === undefined ? null : decodeFlowCursor(query.cursor);
    if (query.cursor !== undefined && after === null)
      throw ApiError.invalid([{ path: 'query.cursor', message: 'not a cursor from this list; start again' }]);
    const found = await pageOfFlows(services.db, {
      search: query.search ?? '',
      after,
      take: query.limit + 1,
    });
    const onPage = found.slice(0, query.limit);
    const rows = await prisma.flow.findMany({
      where: { id: { in: onPage.map((row) => row.id) } },
      select: flowSummaryColumns,
    });
    const byId = new Map(rows.map((row) => [row.id, row]));
    // A flow deleted between the two queries is left out; the cursor still marks where the page ended.
    const page = onPage.flatMap((row) => byId.get(row.id) ?? []);
    const last = onPage.at(-1);
    return {
      status: 200,
      body: {
        flows: await flowSummaries(prisma, page),
        nextCursor: found.length > query.limit && last !== undefined ? encodeFlowCursor(last) : null,
      },
    };
  },
});

export const createFlow = defineRoute({
  method: 'post',
  path: '/flows',
  summary: 'Create a flow; without a document it starts with a single Start node',
  tag,
  access: 'editor',
  body: createFlowBody,
  bodyLimit: 'flowDocument',
  responses: { 201: flowDetail },
  handler: async ({ body, services }) => {
    const document =
      body.document === undefined ? starterDocument() : parseDraft(body.document, 'body.document').document;
    const flow = await writeTransaction(services.db, (tx) =>
      tx.flow.create({ data: { name: body.name, document: JSON.stringify(document) } }),
    );
    return { status: 201, body: await flowDetailOf(services.db.prisma, flow) };
  },
});

export const getFlow = defineRoute({
  method: 'get',
  path: '/flows/:flowId',
  summary: 'A flow: its draft document and revision, its versions count and where it is live',
  tag,
  access: 'viewer',
  params: flowIdParams,
  responses: { 200: flowDetail, 404: errorBody },
  handler: async ({ params, services }) => {
    const flow = await loadFlow(services.db.prisma, params.flowId);
    return { status: 200, body: await flowDetailOf(services.db.prisma, flow) };
  },
});

export const renameFlow = defineRoute({
  method: 'patch',
  path: '/flows/:flowId',
  summary: 'Rename a flow (the draft and its revision are untouched)',
  tag,
  access: 'editor',
  params: flowIdParams,
  body: renameFlowBody,
  responses: { 200: flowSummary, 404: errorBody },
  handler: async ({ params, body, services }) => {
    const flow = await writeTransaction(services.db, async (tx) => {
      await loadFlow(tx, params.flowId);
      return tx.flow.update({ where: { id: params.flowId }, data: { name: body.name } });
    });
    const [summary] = await flowSummaries(services.db.prisma, [flow]);
    return { status: 200, body: summary };
  },
});

export const duplicateFlow = defineRoute({
  method: 'post',
  path: '/flows/:flowId/duplicate',
  summary: 'Copy a flow’s draft into a new flow (no versions, not published); default name "<name> (copy)"',
  tag,
  access: 'editor',
  params: flowIdParams,
  body: duplicateFlowBody,
  responses: { 201: flowDetail, 404: errorBody },
  handler: async ({ params, body, services }) => {
    const copy = await writeTransaction(services.db, async (tx) => {
      const flow = await loadFlow(tx, params.flowId);
      const name = body.name ?? `${flow.name.slice(0, 113)} (copy)`;
      return tx.flow.create({ data: { name, document: flow.document } });
    });
    return { status: 201, body: await flowDetailOf(services.db.prisma, copy) };
  },
});

function isForeignKeyViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2003';
}

export const deleteFlow = defineRoute({
  method: 'delete',
  path: '/flows/:flowId',
  summary: 'Delete a flow and its versions; refused (409) while an extension runs one of its versions',
  tag,
  access: 'editor',
  params: flowIdParams,
  responses: { 204: null, 404: errorBody, 409: errorBody },
  handler: async ({ params, services, user }) => {
    const actor = actorOf(user);
    const refuse = (name: string, extensions: string[]) =>
      ApiError.conflict(
        'flow_published',
        `flow "${name}" is live on extension${extensions.length === 1 ? '' : 's'} ${extensions.join(', ')}; unpublish ${extensions.length === 1 ? 'it' : 'them'} first`,
        { extensions },
      );
    let deleted: { name: string; versions: number };
    try {
      deleted = await writeTransaction(services.db, async (tx) => {
        const flow = await loadFlow(tx, params.flowId);
        const live = await tx.publication.findMany({
          where: { flowId: flow.id },
          select: { extension: true },
          orderBy: { extension: 'asc' },
        });
        if (live.length > 0)
          throw refuse(
            flow.name,
            live.map((publication) => publication.extension),
          );
        const versions = await tx.flowVersion.count({ where: { flowId: flow.id } });
        await tx.flow.delete({ where: { id: flow.id } });
        return { name: flow.name, versions };
      });
    } catch (error) {
      // Published meanwhile by a writer that does not take the API's lock (the CLI): the publication's
      // foreign key refuses the delete.
      if (!isForeignKeyViolation(error)) throw error;
      const live = await services.db.prisma.publication.findMany({ where: { flowId: params.flowId } });
      throw refuse(
        params.flowId,
        live.map((publication) => publication.extension),
      );
    }
    await services.audit({
      actor: actor.username,
      action: 'flow_delete',
      target: params.flowId,
      details: { name: deleted.name, versions: deleted.versions },
    });
    return { status: 204 };
  },
});

export const flowCrudRoutes = [listFlows, createFlow, getFlow, renameFlow, duplicateFlow, deleteFlow];
