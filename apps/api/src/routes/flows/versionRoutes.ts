import * as catalog from '@callflow/catalog';
import {
  createVersionBody,
  errorBody,
  versionDetail,
  versionListResponse,
  versionSummary,
} from '@callflow/contract';
import { defineRoute } from '../../http/defineRoute.ts';
import { actorOf } from './actorOf.ts';
import { flowIdParams, versionNumberParam } from './schemas.ts';

const tag = 'versions';

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
    const version = await catalog.createVersion(services.db, params.flowId, body, actorOf(user));
    return { status: 201, body: version };
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
  handler: async ({ params, services }) => ({
    status: 200,
    body: { versions: await catalog.listVersions(services.db, params.flowId) },
  }),
});

export const getVersion = defineRoute({
  method: 'get',
  path: '/flows/:flowId/versions/:number',
  summary: 'One version with its document',
  tag,
  access: 'viewer',
  params: flowIdParams.extend({ number: versionNumberParam }),
  responses: { 200: versionDetail, 404: errorBody },
  handler: async ({ params, services }) => ({
    status: 200,
    body: await catalog.getVersion(services.db, params.flowId, params.number),
  }),
});

export const versionRoutes = [createVersion, listVersions, getVersion];
