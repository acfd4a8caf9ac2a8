import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiClient,
  apiClient,
  firstAdminReady,
  logIn,
  TEST_ADMIN_PASSWORD,
  testAdminEnv,
} from './loginAs.ts';
import { startTestApi, type TestApi, testEngines } from './startTestApi.ts';

/** A login over HTTP; `ip` poses as the client address (the API trusts X-Forwarded-For from loopback). */
async function postSession(
  api: TestApi,
  body: unknown,
  options: { ip?: string; cookie?: string; https?: boolean } = {},
): Promise<Response> {
  return fetch(`${api.url}/api/session`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.ip === undefined ? {} : { 'x-forwarded-for': options.ip }),
      ...(options.cookie === undefined ? {} : { cookie: options.cookie }),
      ...(options.https === true ? { 'x-forwarded-proto': 'https' } : {}),
    },
    body: JSON.stringify(body),
  });
}

function sessionCookieOf(response: Response): { pair: string; token: string; attributes: string[] } {
  const header = response.headers.getSetCookie().find((cookie) => cookie.startsWith('callflow_session='));
  if (header === undefined) throw new Error('no callflow_session cookie was set');
  const [pair = '', ...attributes] = header.split(';').map((part) => part.trim());
  return { pair, token: pair.slice('callflow_session='.length), attributes };
}

/** Creates a user through an admin's client; returns its id. */
async function createUser(
  admin: ApiClient,
  username: string,
  password: string,
  role = 'viewer',
): Promise<string> {
  const response = await admin.post<{ id: string }>('/api/users', { username, password, role });
  expect(response.status).toBe(201);
  return response.body.id;
}

/** Logins hash on purpose (about 0.1 s each, more when test files run in parallel). */
const SLOW = { timeout: 60_000 };

describe.each(testEngines())('sessions on %s', SLOW, (engine) => {
  let api: TestApi;
  /** A session of the first admin, for creating users. */
  let admin: ApiClient;
  beforeAll(async () => {
    api = await startTestApi(engine, testAdminEnv);
    // The first admin's pending password change is tested in passwordChangeRequired.test.ts.
    await firstAdminReady(api);
    admin = await logIn(api, 'admin', TEST_ADMIN_PASSWORD);
  }, 60_000);
  afterAll(async () => {
    await api.stop();
  });

  it('logs in: a random token in an httpOnly SameSite=Lax cookie for 12 hours, only its hash stored', async () => {
    const before = Date.now();
    const response = await postSession(api, { username: 'admin', password: TEST_ADMIN_PASSWORD });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['id', 'mustChangePassword', 'role', 'username']);
    expect(body).toMatchObject({ username: 'admin', role: 'admin', mustChangePassword: false });

    const cookie = sessionCookieOf(response);
    expect(cookie.token).toMatch(/^[\w-]{43}$/);
    expect(cookie.attributes).toEqual(
      expect.arrayContaining(['Path=/', 'HttpOnly', 'SameSite=Lax', 'Max-Age=43200']),
    );
    expect(cookie.attributes).not.toContain('Secure');

    const sessions = await api.db.prisma.session.findMany({ where: { userId: String(body.id) } });
    const stored = sessions.find((s) => s.id === createHash('sha256').update(cookie.token).digest('hex'));
    expect(stored).toBeDefined();
    expect(sessions.some((s) => s.id.includes(cookie.token))).toBe(false);
    const lifetime = (stored?.expiresAt.getTime() ?? 0) - before;
    expect(lifetime).toBeGreaterThan(12 * 3600_000 - 60_000);
    expect(lifetime).toBeLessThanOrEqual(12 * 3600_000 + 60_000);
  });

  it('marks the cookie Secure when the request came over HTTPS', async () => {
    const response = await postSession(
      api,
      { username: 'admin', password: TEST_ADMIN_PASSWORD },
      { https: true, ip: '192.0.2.10' },
    );
    expect(response.status).toBe(200);
    expect(sessionCookieOf(response).attributes).toContain('Secure');
  });

  it('answers GET /api/session with the user, or 401 without a valid session', async () => {
    const session = await logIn(api, 'admin', TEST_ADMIN_PASSWORD);
    const me = await session.get('/api/session');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ username: 'admin', role: 'admin' });

    // The cookie is found among others.
    const among = apiClient(api, `theme=dark; ${session.cookie}; other=1`);
    expect((await among.get('/api/session')).status).toBe(200);

    for (const cookie of ['', 'callflow_session=garbage', `callflow_session=${'A'.repeat(43)}`]) {
      const response = await apiClient(api, cookie).get('/api/session');
      expect(response.status).toBe(401);
      expect(response.body).toEqual({ error: 'not_logged_in', message: 'log in first' });
    }
  });

  it('answers a wrong password and an unknown user alike', async () => {
    const wrongPassword = await postSession(
      api,
      { username: 'admin', password: 'not the password' },
      { ip: '192.0.2.20' },
    );
    const unknownUser = await postSession(
      api,
      { username: 'nobody', password: TEST_ADMIN_PASSWORD },
      { ip: '192.0.2.20' },
    );
    expect(wrongPassword.status).toBe(401);
    expect(unknownUser.status).toBe(401);
    const body = await wrongPassword.json();
    expect(body).toEqual({ error: 'invalid_credentials', message: 'wrong username or password' });
    expect(await unknownUser.json()).toEqual(body);
    expect(wrongPassword.headers.getSetCookie()).toEqual([]);
  });

  it('accepts the username in any case and with spaces around', async () => {
    const response = await postSession(api, { username: ' Admin ', password: TEST_ADMIN_PASSWORD });
    expect(response.status).toBe(200);
  });

  it('rejects a login without username or password as an invalid request', async () => {
    const response = await postSession(api, { username: 'admin' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: 'invalid_request',
      problems: [{ path: 'body.password' }],
    });
  });

  it('logs out: deletes the session and clears the cookie', async () => {
    const session = await logIn(api, 'admin', TEST_ADMIN_PASSWORD);
    const token = session.cookie.slice('callflow_session='.length);
    const id = createHash('sha256').update(token).digest('hex');
    expect(await api.db.prisma.session.count({ where: { id } })).toBe(1);

    const response = await fetch(`${api.url}/api/session`, {
      method: 'DELETE',
      headers: { cookie: session.cookie },
    });
    expect(response.status).toBe(204);
    const cleared = sessionCookieOf(response);
    expect(cleared.token).toBe('');
    expect(cleared.attributes).toContain('Max-Age=0');
    expect(await api.db.prisma.session.count({ where: { id } })).toBe(0);
    expect((await session.get('/api/session')).status).toBe(401);

    // Without a session too (a stale tab): still clears the cookie.
    expect((await apiClient(api).delete('/api/session')).status).toBe(204);
  });

  it('treats an expired session as none, and deletes it', async () => {
    const session = await logIn(api, 'admin', TEST_ADMIN_PASSWORD);
    const id = createHash('sha256').update(session.cookie.slice('callflow_session='.length)).digest('hex');
    await api.db.prisma.session.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await session.get('/api/session')).status).toBe(401);
    expect(await api.db.prisma.session.count({ where: { id } })).toBe(0);
  });

  it('replaces the session the browser had when logging in again', async () => {
    const first = await logIn(api, 'admin', TEST_ADMIN_PASSWORD);
    const again = await postSession(
      api,
      { username: 'admin', password: TEST_ADMIN_PASSWORD },
      { cookie: first.cookie },
    );
    expect(again.status).toBe(200);
    expect((await first.get('/api/session')).status).toBe(401);
    expect((await apiClient(api, sessionCookieOf(again).pair).get('/api/session')).status).toBe(200);
  });

  describe('changing one’s own password', () => {
    it('checks the current password and the rules for the new one', async () => {
      await createUser(admin, 'pat', 'pat password 1');
      const pat = await logIn(api, 'pat', 'pat password 1');

      const wrong = await pat.put('/api/session/password', {
        currentPassword: 'not it at all',
        newPassword: 'pat password 2',
      });
      expect(wrong.status).toBe(400);
      expect(wrong.body).toEqual({
        error: 'invalid_request',
        message: 'the current password is not correct',
        problems: [
          {
            severity: 'error',
            code: 'invalid-field',
            message: 'this is not your current password',
            nodeId: null,
            edgeId: null,
            path: 'body.currentPassword',
          },
        ],
      });

      const short = await pat.put('/api/session/password', {
        currentPassword: 'pat password 1',
        newPassword: 'short',
      });
      expect(short.status).toBe(400);
      expect(short.body).toMatchObject({
        error: 'invalid_request',
        problems: [{ path: 'body.newPassword', message: 'the password must be at least 10 characters long' }],
      });

      const same = await pat.put('/api/session/password', {
        currentPassword: 'pat password 1',
        newPassword: 'pat password 1',
      });
      expect(same.status).toBe(400);
      expect(same.body).toMatchObject({ problems: [{ path: 'body.newPassword' }] });
      await logIn(api, 'pat', 'pat password 1');
    });

    it('changes it, clears mustChangePassword, ends the other sessions and audits it', async () => {
      await createUser(admin, 'quinn', 'quinn password 1', 'editor');
      const here = await logIn(api, 'quinn', 'quinn password 1');
      const elsewhere = await logIn(api, 'quinn', 'quinn password 1');
      expect((await here.get('/api/session')).body).toMatchObject({ mustChangePassword: true });

      const changed = await here.put('/api/session/password', {
        currentPassword: 'quinn password 1',
        newPassword: 'quinn password 2',
      });
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({ username: 'quinn', role: 'editor', mustChangePassword: false });

      // This browser goes on under a new session cookie (see loginSecurity.test.ts).
      const renewed = changed.headers
        .getSetCookie()
        .map((header) => header.split(';')[0] ?? '')
        .find((pair) => pair.startsWith('callflow_session='));
      expect((await apiClient(api, renewed).get('/api/session')).status).toBe(200);
      expect((await elsewhere.get('/api/session')).status).toBe(401);
      expect((await postSession(api, { username: 'quinn', password: 'quinn password 1' })).status).toBe(401);
      await logIn(api, 'quinn', 'quinn password 2');

      const events = await api.db.prisma.auditEvent.findMany({ where: { action: 'password_change' } });
      expect(events).toMatchObject([{ actor: 'quinn', target: 'quinn' }]);
      expect(JSON.parse(events[0]?.details ?? '{}')).toEqual({ otherSessionsEnded: 1 });
      expect(events[0]?.details).not.toContain('password 2');
    });

    it('needs a session', async () => {
      const response = await apiClient(api).put('/api/session/password', {
        currentPassword: 'x',
        newPassword: 'long enough password',
      });
      expect(response.status).toBe(401);
    });
  });

  describe('login rate limiting', () => {
    it('refuses an address after 30 failures in 10 minutes, with Retry-After, whichever usernames', async () => {
      const ip = '198.51.100.1';
      for (let i = 0; i < 30; i++) {
        const response = await postSession(
          api,
          { username: `guess${i}`, password: 'wrong password' },
          { ip },
        );
        expect(response.status).toBe(401);
      }
      // Even the right password is refused now.
      const refused = await postSession(api, { username: 'admin', password: TEST_ADMIN_PASSWORD }, { ip });
      expect(refused.status).toBe(429);
      const retryAfter = Number(refused.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(500);
      expect(retryAfter).toBeLessThanOrEqual(600);
      expect(await refused.json()).toEqual({
        error: 'too_many_attempts',
        message: 'too many failed login attempts; try again in 10 minutes',
        retryAfterSeconds: retryAfter,
      });
      expect(refused.headers.getSetCookie()).toEqual([]);

      // Another address is not affected.
      const other = await postSession(
        api,
        { username: 'admin', password: TEST_ADMIN_PASSWORD },
        { ip: '198.51.100.2' },
      );
      expect(other.status).toBe(200);
      expect(api.logs.some((line) => line.includes('too many failed attempts'))).toBe(true);
    });

    it('refuses a username at an address after 10 failures there, and only there', async () => {
      await createUser(admin, 'rita', 'rita password 1');
      await createUser(admin, 'sam', 'sam password 1');
      const ip = '203.0.113.7';
      for (let i = 0; i < 10; i++) {
        const response = await postSession(api, { username: 'rita', password: 'wrong password' }, { ip });
        expect(response.status).toBe(401);
      }
      const refused = await postSession(api, { username: 'rita', password: 'rita password 1' }, { ip });
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      // The same spelling in capitals is the same user.
      const capitals = await postSession(api, { username: 'RITA', password: 'rita password 1' }, { ip });
      expect(capitals.status).toBe(429);
      // Another user from that address, and the same user from another address, are not affected.
      expect((await postSession(api, { username: 'sam', password: 'sam password 1' }, { ip })).status).toBe(
        200,
      );
      const elsewhere = await postSession(
        api,
        { username: 'rita', password: 'rita password 1' },
        { ip: '203.0.113.8' },
      );
      expect(elsewhere.status).toBe(200);
    });

    it('forgets a username’s failures at an address once its password is typed right there', async () => {
      await createUser(admin, 'tess', 'tess password 1');
      const ip = '203.0.114.1';
      const fail = () => postSession(api, { username: 'tess', password: 'wrong password' }, { ip });
      for (let i = 0; i < 9; i++) expect((await fail()).status).toBe(401);
      expect((await postSession(api, { username: 'tess', password: 'tess password 1' }, { ip })).status).toBe(
        200,
      );
      for (let i = 0; i < 9; i++) expect((await fail()).status).toBe(401);
    });

    it('counts parallel attempts before their passwords are checked', async () => {
      const ip = '198.51.100.30';
      const responses = await Promise.all(
        Array.from({ length: 15 }, () =>
          postSession(api, { username: 'parallel', password: 'wrong password' }, { ip }),
        ),
      );
      const statuses = responses.map((response) => response.status).sort();
      expect(statuses).toEqual([...Array(10).fill(401), ...Array(5).fill(429)]);
    });

    it('counts wrong current passwords on a password change like failed logins', async () => {
      await createUser(admin, 'uma', 'uma password 1');
      const uma = await logIn(api, 'uma', 'uma password 1');
      const change = (currentPassword: string) =>
        fetch(`${api.url}/api/session/password`, {
          method: 'PUT',
          headers: {
            'content-type': 'application/json',
            cookie: uma.cookie,
            'x-forwarded-for': '198.51.100.40',
          },
          body: JSON.stringify({ currentPassword, newPassword: 'uma password 2' }),
        });
      for (let i = 0; i < 10; i++) expect((await change('wrong password')).status).toBe(400);
      const refused = await change('uma password 1');
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    });
  });
});
