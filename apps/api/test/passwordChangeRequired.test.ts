// A user who must change their password may do nothing else until they have: the whole route table is walked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiRoute } from '../src/http/implement.ts';
import { apiRoutes } from '../src/routes/apiRoutes.ts';
import {
  type ApiClient,
  firstAdminReady,
  logIn,
  loginAs,
  type RoleClients,
  testAdminEnv,
} from './loginAs.ts';
import { startTestApi, type TestApi, testEngines } from './startTestApi.ts';

const DUMMY_ID = '00000000-0000-0000-0000-000000000000';

/** `/flows/:flowId/versions{/:number}` → `/api/flows/<dummy>/versions/<dummy>`. */
function concretePath(route: ApiRoute): string {
  return `/api${route.path.replace(/[{}]/g, '').replace(/[:*]\w+/g, DUMMY_ID)}`;
}

/** The route's status and, when the answer is JSON, its `error` code (a stream is not read). */
async function answerOf(
  api: TestApi,
  client: ApiClient,
  route: ApiRoute,
): Promise<{ status: number; error: unknown }> {
  const hasBody = route.method !== 'get' && route.method !== 'delete';
  const response = await fetch(`${api.url}${concretePath(route)}`, {
    method: route.method.toUpperCase(),
    headers: {
      ...(client.cookie === '' ? {} : { cookie: client.cookie }),
      ...(hasBody ? { 'content-type': 'application/json' } : {}),
    },
    body: hasBody ? '{}' : undefined,
  });
  if (!(response.headers.get('content-type') ?? '').includes('json')) {
    await response.body?.cancel();
    return { status: response.status, error: undefined };
  }
  const body = (await response.json()) as { error?: unknown };
  return { status: response.status, error: body.error };
}

const SLOW = { timeout: 60_000 };

describe.each(testEngines())('a user who must change their password, on %s', SLOW, (engine) => {
  let api: TestApi;
  let as: RoleClients;
  /** An admin (the highest role) whose password an admin chose: mustChangePassword is set. */
  let pending: ApiClient;
  const password = 'given by an admin 1';
  beforeAll(async () => {
    api = await startTestApi(engine, testAdminEnv);
    as = await loginAs(api);
    const created = await as.admin.post('/api/users', { username: 'newcomer', password, role: 'admin' });
    expect(created.body).toMatchObject({ mustChangePassword: true });
    pending = await logIn(api, 'newcomer', password);
  }, 60_000);
  afterAll(async () => {
    await api.stop();
  });

  const guarded = apiRoutes.filter(
    (route) => route.access !== 'public' && route.allowedBeforePasswordChange !== true,
  );

  it('may only ask who they are and change their password', () => {
    expect(
      apiRoutes
        .filter((route) => route.access !== 'public' && route.allowedBeforePasswordChange === true)
        .map((route) => `${route.method} ${route.path}`)
        .sort(),
    ).toEqual(['get /session', 'put /session/password']);
    expect(guarded.length).toBeGreaterThan(10);
  });

  it.each(guarded.map((route) => ({ name: `${route.method.toUpperCase()} /api${route.path}`, route })))(
    'gets 403 password_change_required from $name',
    async ({ route }) => {
      expect(await answerOf(api, pending, route)).toEqual({ status: 403, error: 'password_change_required' });
    },
  );

  it('says why in words, and can still see who they are', async () => {
    const refused = await pending.get('/api/flows');
    expect(refused.body).toEqual({
      error: 'password_change_required',
      message:
        'choose a new password first (PUT /api/session/password): until then only logging out and changing the password are possible',
    });
    expect((await pending.get('/api/session')).body).toMatchObject({
      username: 'newcomer',
      mustChangePassword: true,
    });
  });

  it('the first admin too, until it has chosen its password', async () => {
    await api.db.prisma.user.updateMany({ where: { username: 'admin' }, data: { mustChangePassword: true } });
    const admin = await logIn(api, 'admin', testAdminEnv.CALLFLOW_ADMIN_PASSWORD ?? '');
    expect((await admin.get('/api/users')).status).toBe(403);
    await firstAdminReady(api);
    expect((await admin.get('/api/users')).status).toBe(200);
  });

  it('uses everything its role allows once the password is changed', async () => {
    const changed = await pending.put('/api/session/password', {
      currentPassword: password,
      newPassword: 'chosen by me 2',
    });
    expect(changed.status).toBe(200);
    const again = await logIn(api, 'newcomer', 'chosen by me 2');
    expect((await again.get('/api/users')).status).toBe(200);
  });
});
