import type { Flow, Prisma } from '@callflow/db';
import { ApiError } from '../../http/ApiError.ts';
import type { AuthenticatedUser } from '../../http/defineRoute.ts';

/** The flow with this id, or a 404 naming it. */
export async function loadFlow(client: Prisma.TransactionClient, flowId: string): Promise<Flow> {
  const flow = await client.flow.findUnique({ where: { id: flowId } });
  if (flow === null) throw ApiError.notFound(`flow ${flowId}`);
  return flow;
}

/** The logged-in user of a route that needs a role (mountRoutes has already refused everyone else). */
export function actorOf(user: AuthenticatedUser | null): AuthenticatedUser {
  if (user === null) throw new ApiError(401, 'not_logged_in', 'log in first');
  return user;
}
