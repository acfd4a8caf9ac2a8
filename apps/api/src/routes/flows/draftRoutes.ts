import {
  errorBody,
  saveDraftBody,
  saveDraftResponse,
  staleRevisionBody,
  validationResult,
} from '@callflow/contract';
import { validateFlow } from '@callflow/flow';
import { z } from 'zod';
import { ApiError } from '../../http/ApiError.ts';
import { defineRoute } from '../../http/defineRoute.ts';
import { withSecretWarnings } from '../secrets/withSecretWarnings.ts';
import { loadFlow } from './loadFlow.ts';
import { parseDraft } from './parseDraft.ts';
import { flowIdParams } from './schemas.ts';
import { writeTransaction } from './writeTransaction.ts';

const tag = 'flows';

/** The answer to a save naming a revision that is no longer the current one. */
export function staleRevision(currentRevision: number): ApiError {
  return ApiError.conflict(
    'stale_revision',
    `the draft was saved by someone else since you loaded it (it is now at revision ${currentRevision}); reload it and make your change again`,
    { currentRevision },
  );
}

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
    const saved = await writeTransaction(services.db, async (tx) => {
      const flow = await loadFlow(tx, params.flowId);
      if (flow.revision !== body.revision) throw staleRevision(flow.revision);
      return tx.flow.update({
        where: { id: flow.id },
        data: { document: JSON.stringify(document), revision: { increment: 1 } },
      });
    });
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
    const flow = await loadFlow(services.db.prisma, params.flowId);
    const validation = validateFlow(JSON.parse(flow.document));
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
