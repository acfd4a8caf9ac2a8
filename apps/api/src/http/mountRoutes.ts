import { type FlowProblem, type Role, requestProblem, roles } from '@callflow/contract';
import { type NextFunction, type Request, type Response, Router } from 'express';
import type { z } from 'zod';
import { ApiError } from './ApiError.ts';
import type { ApiServices, AuthenticatedUser } from './ApiServices.ts';
import { fromCatalogError } from './fromCatalogError.ts';
import { fromMediaError } from './fromMediaError.ts';
import type { ApiRoute } from './implement.ts';
import type { JsonBodyReader } from './readJsonBody.ts';

function problemsOf(where: 'params' | 'query' | 'body', error: z.ZodError): FlowProblem[] {
  return error.issues.map((issue) =>
    requestProblem([where, ...issue.path.map(String)].join('.'), issue.message),
  );
}

function parse(
  where: 'params' | 'query' | 'body',
  schema: z.ZodType | undefined,
  value: unknown,
  problems: FlowProblem[],
): unknown {
  if (schema === undefined) return undefined;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  problems.push(...problemsOf(where, result.error));
  return undefined;
}

export function allows(user: AuthenticatedUser, needed: Role): boolean {
  return roles.indexOf(user.role) >= roles.indexOf(needed);
}

/** Why `user` (null: no session) may not use `route`, or null when they may. */
function refusal(route: ApiRoute, user: AuthenticatedUser | null): ApiError | null {
  if (route.access === 'public') return null;
  if (user === null) return new ApiError(401, 'not_logged_in', 'log in first');
  // Before the role: whatever the route, the one thing to do first is to choose a password.
  if (user.mustChangePassword && route.allowedBeforePasswordChange !== true) {
    return new ApiError(
      403,
      'password_change_required',
      'choose a new password first (PUT /api/session/password): until then only logging out and changing the password are possible',
    );
  }
  if (!allows(user, route.access)) {
    return new ApiError(403, 'forbidden', `this needs the ${route.access} role; you are ${user.role}`);
  }
  return null;
}

/**
 * Turns route definitions into an Express router: checks the session, a pending password change and
 * the role, then reads the JSON body (only now: a refused request costs no parsing) within the route's
 * limit, parses params, query and body with the route's zod schemas (a failure is a 400 listing every
 * problem), runs the handler.
 */
export function mountRoutes(
  routes: readonly ApiRoute[],
  services: ApiServices,
  authenticate: (request: Request) => Promise<AuthenticatedUser | null>,
  readBody: JsonBodyReader,
): Router {
  const router = Router();
  for (const route of routes) {
    router[route.method](route.path, async (request: Request, response: Response, next: NextFunction) => {
      try {
        const user = await authenticate(request);
        const refused = refusal(route, user);
        if (refused !== null) throw refused;
        await readBody(route, request, response);
        const stillAllowed = async () => {
          const now = await authenticate(request);
          return now !== null && now.id === user?.id && refusal(route, now) === null;
        };
        const problems: FlowProblem[] = [];
        const params = parse('params', route.params, request.params, problems);
        const query = parse('query', route.query, request.query, problems);
        const body = parse('body', route.body, request.body, problems);
        if (problems.length > 0) throw ApiError.invalid(problems);
        const result = await route.handler({
          params,
          query,
          body,
          user,
          services,
          request,
          response,
          stillAllowed,
        });
        if (result === 'handled') return;
        for (const [name, value] of Object.entries(result.headers ?? {})) response.setHeader(name, value);
        if (result.body === undefined) response.status(result.status).end();
        else response.status(result.status).json(result.body);
      } catch (error) {
        next(fromMediaError(fromCatalogError(error)));
      }
    });
  }
  return router;
}
