// Walks every route of the API against an access table written here, not the access each route
// declares (a route declared with the wrong role would pass a walk that trusts it): without a session
// each non-public route answers 401, and each role gets 403 exactly when it is below the table's
// access. A route missing from the table, or a table row with no route, fails. Path parameters get a
// dummy value and bodies are `{}`, so most routes answer 400 or 404 once past the checks, which is
// fine: only 401 and 403 are about access.

import { type Role, roles } from '@callflow/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiRoute } from '../src/http/implement.ts';
import { apiRoutes } from '../src/routes/apiRoutes.ts';
import {
  type ApiClient,
  logIn,
  loginAs,
  type RoleClients,
  TEST_USER_PASSWORD,
  testAdminEnv,
} from './loginAs.ts';
import { startTestApi, type TestApi, testEngines } from './startTestApi.ts';

const DUMMY_ID = '00000000-0000-0000-0000-000000000000';

/** `/flows/:flowId/versions{/:number}` → `/api/flows/<dummy>/versions/<dummy>`. */
function concretePath(route: ApiRoute): string {
  const path = route.path.replace(/[{}]/g, '').replace(/[:*]\w+/g, DUMMY_ID);
  return `/api${path}`;
}

/**
 * Only the status matters, so the body is not read: some routes stream (server-sent events) and
 * never end their response.
 */
async function statusOf(baseUrl: string, client: ApiClient, route: ApiRoute): Promise<number> {
  const hasBody = route.method !== 'get' && route.method !== 'delete';
  const response = await fetch(`${baseUrl}${concretePath(route)}`, {
    method: route.method.toUpperCase(),
    headers: {
      ...(client.cookie === '' ? {} : { cookie: client.cookie }),
      ...(hasBody ? { 'content-type': 'application/json' } : {}),
    },
    body: hasBody ? '{}' : undefined,
  });
  await response.body?.cancel();
  return response.status;
}

/** Who may use each route: `public`, or the lowest role allowed. Decided here, on purpose. */
const expectedAccess: Record<string, Role | 'public'> = {
  'GET /health': 'public',
  'POST /session': 'public',
  'GET /session': 'viewer',
  'DELETE /session': 'public',
  'PUT /session/password': 'viewer',
  'GET /users': 'admin',
  'POST /users': 'admin',
  'PATCH /users/:userId': 'admin',
  'DELETE /users/:userId': 'admin',
  'GET /audit': 'admin',
  'GET /flows': 'viewer',
  'POST /flows': 'editor',
  'GET /flows/:flowId': 'viewer',
  'PATCH /flows/:flowId': 'editor',
  'POST /flows/:flowId/duplicate': 'editor',
  'DELETE /flows/:flowId': 'editor',
  'PUT /flows/:flowId/draft': 'editor',
  'POST /flows/:flowId/validate': 'editor',
  'POST /flows/validate': 'editor',
  'POST /flows/:flowId/versions': 'editor',
  'GET /flows/:flowId/versions': 'viewer',
  'GET /flows/:flowId/versions/:number': 'viewer',
  'GET /flows/:flowId/export': 'viewer',
  'POST /flows/import': 'editor',
  'GET /publications': 'viewer',
  'PUT /publications/:extension': 'editor',
  'DELETE /publications/:extension': 'editor',
  'POST /publications/:extension/rollback': 'editor',
  'GET /calls': 'viewer',
  'GET /calls/stream': 'viewer',
  'GET /calls/:callId': 'viewer',
  'GET /calls/:callId/recordings': 'viewer',
  'GET /recordings': 'viewer',
  'GET /recordings/:name/file': 'viewer',
  'GET /runtime/status': 'viewer',
  'GET /runtime/events': 'viewer',
  'GET /sounds': 'viewer',
  'GET /asterisk/endpoints': 'editor',
  'GET /asterisk/device-states': 'editor',
  'GET /prompts': 'viewer',
  'POST /prompts': 'editor',
  'GET /prompts/:promptId': 'viewer',
  'PATCH /prompts/:promptId': 'editor',
  'DELETE /prompts/:promptId': 'editor',
  'PUT /prompts/:promptId/audio/:language': 'editor',
  'PUT /prompts/:promptId/speech/:language': 'editor',
  'DELETE /prompts/:promptId/audio/:language': 'editor',
  'GET /prompts/:promptId/audio/:language/file': 'viewer',
  'POST /speech/preview': 'viewer',
  'GET /speech/voices': 'viewer',
  'GET /sounds/stock': 'viewer',
  'GET /sounds/stock/:name/file': 'viewer',
  'GET /flows/:flowId/prompt-changes': 'viewer',
  'GET /secrets': 'editor',
  'PUT /secrets/:name': 'admin',
  'PATCH /secrets/:name': 'admin',
  'DELETE /secrets/:name': 'admin',
};

const routeKey = (route: ApiRoute) => `${route.method.toUpperCase()} ${route.path}`;

describe('the access table', () => {
  it('names every route of the API, and only those', () => {
    expect(apiRoutes.map(routeKey).sort()).toEqual(Object.keys(expectedAccess).sort());
  });
});

type Caller = Role | 'anonymous';
const callers: Caller[] = ['anonymous', ...roles];

const cases = apiRoutes.flatMap((route) =>
  callers.map((caller) => ({
    name: `${route.method.toUpperCase()} /api${route.path} (access ${expectedAccess[routeKey(route)]}) as ${caller}`,
    route,
    access: expectedAccess[routeKey(route)],
    caller,
  })),
);

describe.each(testEngines())('access to every route on %s', { timeout: 60_000 }, (engine) => {
  let api: TestApi;
  let clients: RoleClients;
  beforeAll(async () => {
    api = await startTestApi(engine, testAdminEnv);
    clients = await loginAs(api);
  }, 60_000);
  afterAll(async () => {
    await api.stop();
  });

  /** The role's client, logged in again if a route walked before (e.g. logout) ended its session. */
  async function clientOf(caller: Caller): Promise<ApiClient> {
    if (caller === 'anonymous') return clients.anonymous;
    const client = clients[caller];
    if ((await client.get('/api/session')).status === 200) return client;
    clients = { ...clients, [caller]: await logIn(api, client.username, TEST_USER_PASSWORD) };
    return clients[caller];
  }

  it('walks a non-trivial list of routes', () => {
    expect(apiRoutes.length).toBeGreaterThan(5);
  });

  it.each(cases)('$name', async ({ route, access, caller }) => {
    if (access === undefined) throw new Error(`${routeKey(route)} is missing from the access table`);
    const status = await statusOf(api.url, await clientOf(caller), route);
    if (access === 'public') {
      expect(status, 'a public route').not.toBe(401);
      expect(status, 'a public route').not.toBe(403);
    } else if (caller === 'anonymous') {
      expect(status, 'without a session').toBe(401);
    } else if (roles.indexOf(caller) < roles.indexOf(access)) {
      expect(status, `${caller} is below ${access}`).toBe(403);
    } else {
      expect(status, `${caller} is at least ${access}`).not.toBe(401);
      expect(status, `${caller} is at least ${access}`).not.toBe(403);
    }
  });
});
