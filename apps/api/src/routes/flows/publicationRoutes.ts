import * as catalog from '@callflow/catalog';
import { endpoints } from '@callflow/contract';
import { implement } from '../../http/implement.ts';
import { loggedIn } from '../../http/loggedIn.ts';
import { publishFlow } from '../../services/flows/flowChecks.ts';
import { abortWhenClientLeaves } from '../../services/prompts/abortWhenClientLeaves.ts';

/** Which flow version each extension runs: publish, unpublish, roll back (all @callflow/catalog's). */
export const publicationRoutes = {
  listPublications: implement(endpoints.listPublications).with(async ({ services }) => ({
    status: 200,
    body: { publications: await catalog.listPublications(services.db) },
  })),

  publish: implement(endpoints.publish).with(async ({ params, body, services, user, response }) => ({
    status: 200,
    body: await publishFlow(
      services,
      params.extension,
      body,
      loggedIn(user),
      abortWhenClientLeaves(response),
    ),
  })),

  unpublish: implement(endpoints.unpublish).with(async ({ params, services, user }) => ({
    status: 200,
    body: await catalog.unpublish(services.db, params.extension, loggedIn(user).username),
  })),

  rollback: implement(endpoints.rollback).with(async ({ params, body, services, user }) => {
    const result = await catalog.rollback(
      services.db,
      params.extension,
      body.version,
      loggedIn(user).username,
    );
    return { status: 200, body: { ...result.publication, previousVersion: result.previousVersion } };
  }),
};
