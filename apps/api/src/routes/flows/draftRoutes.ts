import * as catalog from '@callflow/catalog';
import {
  errorBody,
  saveDraftBody,
  saveDraftResponse,
  staleRevisionBody,
  validationResult,
} from '@callflow/contract';
import { validateFlow } from '@callflow/flow';
import { z } from 'zod';
import { defineRoute } from '../../http/defineRoute.ts';
import { withSecretWarnings } from '../secrets/withSecretWarnings.ts';
import { parseDraft } from './parseDraft.ts';
import { flowIdParams } from './schemas.ts';

const tag = 'flows';

export const saveDraft = defineRoute({
  method: 'put',
  path: '/flows/:flowId/draft',
  summary:
    'Save the draft. `revision` must be the current one (409 stale_revision otherwise). The draft may have validation errors but must be a flow document (400 otherwise)',
  tag,
  access: 'editor',
  params: flowIdParams,
  body: saveDraftBody,
  bodyLimit: 'flowDocument',
  responses: {
    200: saveDraftResponse,
    404: errorBody,
    409: staleRevisionBody,
  },
  handler: async ({ params, body, services }) => {
    const { document, validation } = parseDraft(body.document, 'body.document');
    const saved = await catalog.saveDraft(services.db, params.flowId, { revision: body.revision, document });
    return {
      status: 200,
      body: {
        revision: saved.revision,
        updatedAt: saved.updatedAt.toISOString(),
        ok: validation.ok,
        problems: validation.problems,
      },
    };
  },
});

export const validateDraft = defineRoute({
  method: 'post',
  path: '/flows/:flowId/validate',
  summary: 'Validate the stored draft: every error and warning, with node ids and document paths',
  tag,
  access: 'editor',
  params: flowIdParams,
  responses: { 200: validationResult, 404: errorBody },
  handler: async ({ params, services }) => {
    const validation = validateFlow(await catalog.readDraft(services.db, params.flowId));
    return {
      status: 200,
      body: { ok: validation.ok, problems: await withSecretWarnings(services, validation) },
    };
  },
});

export const validateDocument = defineRoute({
  method: 'post',
  path: '/flows/validate',
  summary: 'Validate any flow document (the body); nothing is stored',
  tag,
  access: 'editor',
  body: z.unknown().describe('a flow document'),
  bodyLimit: 'flowDocument',
  responses: { 200: validationResult },
  handler: async ({ body, services }) => {
    const validation = validateFlow(body);
    return {
      status: 200,
      body: { ok: validation.ok, problems: await withSecretWarnings(services, validation) },
    };
  },
});

export const draftRoutes = [saveDraft, validateDraft, validateDocument];
