import * as catalog from '@callflow/catalog';
import {
  errorBody,
  publicationListResponse,
  publishBody,
  publishResponse,
  rollbackBody,
  rollbackResponse,
  unpublishResponse,
} from '@callflow/contract';
import { extension } from '@callflow/flow';
import { z } from 'zod';
import { defineRoute } from '../../http/defineRoute.ts';
import { withSecretWarnings } from '../secrets/withSecretWarnings.ts';
import { actorOf } from './actorOf.ts';

const tag = 'publications';

const extensionParams = z.object({ extension }).strict();

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
  handler: async ({ services }) => ({
    status: 200,
    body: { publications: await catalog.listPublications(services.db) },
  }),
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
    const result = await catalog.publish(
      services.db,
      {
        extension: params.extension,
        flow: { id: body.flowId },
        source:
          body.version === undefined
            ? { kind: 'draft', revision: body.revision }
            : { kind: 'version', number: body.version },
        note: body.note,
        replace: body.replace,
      },
      actorOf(user),
    );
    return {
      status: 200,
      body: {
        ...result.publication,
        createdVersion: result.createdVersion,
        previous: result.previous,
        // Secrets the published version names that the store does not hold: warnings only.
        warnings:
          result.document === null
            ? []
            : await withSecretWarnings(services, { document: result.document, problems: [] }),
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
  handler: async ({ params, services, user }) => ({
    status: 200,
    body: await catalog.unpublish(services.db, params.extension, actorOf(user)),
  }),
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
    const result = await catalog.rollback(services.db, params.extension, body.version, actorOf(user));
    return { status: 200, body: { ...result.publication, previousVersion: result.previousVersion } };
  },
});

export const publicationRoutes = [listPublications, publish, unpublish, rollback];
