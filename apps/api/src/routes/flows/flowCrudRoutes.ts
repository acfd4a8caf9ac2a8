import * as catalog from '@callflow/catalog';
import {
  createFlowBody,
  duplicateFlowBody,
  errorBody,
  flowDetail,
  flowListResponse,
  flowSummary,
  renameFlowBody,
} from '@callflow/contract';
import { z } from 'zod';
import { ApiError } from '../../http/ApiError.ts';
import { defineRoute } from '../../http/defineRoute.ts';
import { actorOf } from './actorOf.ts';
import { decodeFlowCursor, encodeFlowCursor } from './flowCursor.ts';
import { parseDraft } from './parseDraft.ts';
import { flowIdParams } from './schemas.ts';

const tag = 'flows';

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
    const after = query.cursor === undefined ? null : decodeFlowCursor(query.cursor);
    if (query.cursor !== undefined && after === null)
      throw ApiError.invalid([{ path: 'query.cursor', message: 'not a cursor from this list; start again' }]);
    const page = await catalog.listFlows(services.db, {
      search: query.search ?? '',
      after,
      limit: query.limit,
    });
    return {
      status: 200,
      body: { flows: page.flows, nextCursor: page.next === null ? null : encodeFlowCursor(page.next) },
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
      body.document === undefined ? undefined : parseDraft(body.document, 'body.document').document;
    return { status: 201, body: await catalog.createFlow(services.db, { name: body.name, document }) };
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
  handler: async ({ params, services }) => ({
    status: 200,
    body: await catalog.getFlow(services.db, params.flowId),
  }),
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
  handler: async ({ params, body, services }) => ({
    status: 200,
    body: await catalog.renameFlow(services.db, params.flowId, body.name),
  }),
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
  handler: async ({ params, body, services }) => ({
    status: 201,
    body: await catalog.duplicateFlow(services.db, params.flowId, body.name),
  }),
});

export const deleteFlow = defineRoute({
  method: 'delete',
  path: '/flows/:flowId',
  summary: 'Delete a flow and its versions; refused (409) while an extension runs one of its versions',
  tag,
  access: 'editor',
  params: flowIdParams,
  responses: { 204: null, 404: errorBody, 409: errorBody },
  handler: async ({ params, services, user }) => {
    await catalog.deleteFlow(services.db, params.flowId, actorOf(user));
    return { status: 204 };
  },
});

export const flowCrudRoutes = [listFlows, createFlow, getFlow, renameFlow, duplicateFlow, deleteFlow];
