// Walks every route of the API (routes added later are covered without editing this file): without a
// session each non-public route answers 401, and each role gets 403 exactly when it is below the
// route's access. Path parameters get a dummy value and bodies are `{}`, so most routes answer 400 or
// 404 once past the checks, which is fine: only 401 and 403 are about access.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Role, roles } from '../src/contract/index.ts';
import type { AnyRoute } from '../src/http/defineRoute.ts';
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
function concretePath(route: AnyRoute): string {
  const path = route.path.replace(/[{}]/g, '').replace(/[:*]\w+/g, DUMMY_ID);
  return `/api${path}`;
}

/**
 * Only the status matters, so the body is not read: some routes stream (server-sent events) and
 * never end their response.
 */
async function statusOf(baseUrl: string, client: ApiClient, route: AnyRoute): Promise<number> {
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

type Caller = Role | 'anonymous';
const callers: Caller[] = ['anonymous', ...roles];

const cases = apiRoutes.flatMap((route) =>
  callers.map((caller) => ({
    name: `${route.method.toUpperCase()} /api${route.path} (access ${route.access}) as ${caller}`,
    route,
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

  it.each(cases)('$name', async ({ route, caller }) => {
    const status = await statusOf(api.url, await clientOf(caller), route);
    if (route.access === 'public') {
      expect(status, 'a public route').not.toBe(401);
      expect(status, 'a public route').not.toBe(403);
    } else if (caller === 'anonymous') {
      expect(status, 'without a session').toBe(401);
    } else if (roles.indexOf(caller) < roles.indexOf(route.access)) {
      expect(status, `${caller} is below ${route.access}`).toBe(403);
    } else {
      expect(status, `${caller} is at least ${route.access}`).not.toBe(401);
      expect(status, `${caller} is at least ${route.access}`).not.toBe(403);
    }
  });
});
