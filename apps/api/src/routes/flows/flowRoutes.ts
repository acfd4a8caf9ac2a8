import * as catalog from '@callflow/catalog';
import { endpoints, flowCursor, requestProblem } from '@callflow/contract';
import { ApiError } from '../../http/ApiError.ts';
import { implement } from '../../http/implement.ts';
import { loggedIn } from '../../http/loggedIn.ts';
import { saveDraft, validateDocument, validateDraft } from '../../services/flows/flowChecks.ts';
import { parseDraft } from '../../services/flows/parseDraft.ts';
import { abortWhenClientLeaves } from '../../services/prompts/abortWhenClientLeaves.ts';
import { staticSpeechOptions } from '../../services/prompts/staticSpeechOptions.ts';

/**
 * Flows (drafts with optimistic concurrency), their validation and immutable versions. Every catalog
 * operation (and its lock and audit entry) is @callflow/catalog's; mountRoutes answers its refusals.
 */
export const flowRoutes = {
  listFlows: implement(endpoints.listFlows).with(async ({ query, services }) => {
    const after = query.cursor === undefined ? null : flowCursor.decode(query.cursor);
    if (query.cursor !== undefined && after === null)
      throw ApiError.invalid([requestProblem('query.cursor', 'not a cursor from this list; start again')]);
    const page = await catalog.listFlows(services.db, {
      search: query.search ?? '',
      after,
      limit: query.limit,
    });
    return {
      status: 200,
      body: { flows: page.flows, nextCursor: page.next === null ? null : flowCursor.encode(page.next) },
    };
  }),

  createFlow: implement(endpoints.createFlow).with(async ({ body, services }) => {
    const document =
      body.document === undefined ? undefined : parseDraft(body.document, 'body.document').draft;
    return { status: 201, body: await catalog.createFlow(services.db, { name: body.name, document }) };
  }),

  getFlow: implement(endpoints.getFlow).with(async ({ params, services }) => ({
    status: 200,
    body: await catalog.getFlow(services.db, params.flowId),
  })),

  renameFlow: implement(endpoints.renameFlow).with(async ({ params, body, services }) => ({
    status: 200,
    body: await catalog.renameFlow(services.db, params.flowId, body.name),
  })),

  duplicateFlow: implement(endpoints.duplicateFlow).with(async ({ params, body, services }) => ({
    status: 201,
    body: await catalog.duplicateFlow(services.db, params.flowId, body.name),
  })),

  deleteFlow: implement(endpoints.deleteFlow).with(async ({ params, services, user }) => {
    await catalog.deleteFlow(services.db, params.flowId, loggedIn(user).username);
    return { status: 204 };
  }),

  saveDraft: implement(endpoints.saveDraft).with(async ({ params, body, services }) => ({
    status: 200,
    body: await saveDraft(services, params.flowId, body),
  })),

  validateDraft: implement(endpoints.validateDraft).with(async ({ params, services }) => ({
    status: 200,
    body: await validateDraft(services, params.flowId),
  })),

  validateDocument: implement(endpoints.validateDocument).with(async ({ body, services }) => ({
    status: 200,
    body: await validateDocument(services, body),
  })),

  createVersion: implement(endpoints.createVersion).with(
    async ({ params, body, services, user, response }) => ({
      status: 201,
      body: await catalog.createVersion(
        services.db,
        params.flowId,
        body,
        loggedIn(user).username,
        staticSpeechOptions(services, abortWhenClientLeaves(response)),
      ),
    }),
  ),

  listVersions: implement(endpoints.listVersions).with(async ({ params, services }) => ({
    status: 200,
    body: { versions: await catalog.listVersions(services.db, params.flowId) },
  })),

  getVersion: implement(endpoints.getVersion).with(async ({ params, services }) => ({
    status: 200,
    body: await catalog.getVersion(services.db, params.flowId, params.number),
  })),
};
