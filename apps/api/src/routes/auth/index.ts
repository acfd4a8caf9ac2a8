import type { Request } from 'express';
import type { AnyRoute, ApiServices, AuthenticatedUser } from '../../http/defineRoute.ts';

// Placeholder until sessions land (issue 3 in progress): no request is authenticated.
export function authenticateRequest(
  _services: ApiServices,
): (request: Request) => Promise<AuthenticatedUser | null> {
  return async () => null;
}

/** Runs once at startup (e.g. creates the first admin account when there is none). */
export async function prepareAuthentication(_services: ApiServices, _env: NodeJS.ProcessEnv): Promise<void> {}

export const authRoutes: readonly AnyRoute[] = [];
