import { createHash, scrypt } from 'node:crypto';
import type { Server } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { AriServers } from '../src/ari/AriServers.ts';
import { createApiServer } from '../src/createApiServer.ts';
import { LiveStreams } from '../src/http/LiveStreams.ts';
import { prepareAuthentication } from '../src/services/auth/firstAdmin.ts';
import { addressKeyOf, LoginLimiter } from '../src/services/auth/loginLimiter.ts';
import { OWASP_SCRYPT, PasswordHashing } from '../src/services/auth/PasswordHashing.ts';
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

describe('password hashing', SLOW, () => {
  const passwords = new PasswordHashing();
  const hashPassword = (password: string) => passwords.hash(password);
  const verifyPassword = (password: string, stored: string) => passwords.verify(password, stored);
  const needsRehash = (stored: string) => passwords.needsRehash(stored);

  it('uses OWASP’s scrypt parameters unless told otherwise: N = 2^17, r = 8, p = 1', () => {
    expect(OWASP_SCRYPT).toEqual({ N: 131072, r: 8, p: 1 });
    expect(passwords.parameters).toBe(OWASP_SCRYPT);
  });

  it('stores scrypt with its parameters and a per-hash random salt, and verifies', async () => {
    const first = await hashPassword('correct horse battery');
    const second = await hashPassword('correct horse battery');
    expect(first).toMatch(/^scrypt\$N=131072,r=8,p=1\$[\w-]{22}\$[\w-]{43}$/);
    expect(second).not.toBe(first);
    expect(first).not.toContain('correct horse');
    expect(await verifyPassword('correct horse battery', first)).toBe(true);
    expect(await verifyPassword('correct horse battery', second)).toBe(true);
    expect(await verifyPassword('correct horse batterY', first)).toBe(false);
    expect(await verifyPassword('', first)).toBe(false);
    expect(await verifyPassword('correct horse battery', 'not a hash')).toBe(false);
    expect(needsRehash(first)).toBe(false);
  });

  it('verifies hashes made with other parameters, and flags weaker ones for rehashing', async () => {
    const salt = Buffer.from('0123456789abcdef');
    const key = await new Promise<Buffer>((resolve, reject) =>
      scrypt('old password 1', salt, 32, { N: 1024, r: 8, p: 1 }, (error, derived) =>
        error ? reject(error) : resolve(derived),
      ),
    );
    const old = `scrypt$N=1024,r=8,p=1$${salt.toString('base64url')}$${key.toString('base64url')}`;
    expect(await verifyPassword('old password 1', old)).toBe(true);
    expect(await verifyPassword('old password 2', old)).toBe(false);
    expect(needsRehash(old)).toBe(true);
    // What this API stored before it used OWASP's parameters.
    expect(needsRehash(await new PasswordHashing({ N: 2 ** 15, r: 8, p: 1 }).hash('x'))).toBe(true);
  });
});

describe('login limiter (clock under test control)', () => {
  it('refuses after 10 failures in 10 minutes, until the oldest leaves the window', () => {
    let now = 1_000_000;
    const limiter = new LoginLimiter(
      { maxFailuresPerUserAndAddress: 10, maxFailuresPerAddress: 100, windowMs: 600_000 },
      () => now,
    );
    const attempt = { ip: '10.0.0.1', username: 'alice' };
    for (let i = 0; i < 10; i++) {
      expect(limiter.tryAttempt(attempt)).toBe(0);
      now += 1000;
    }
    // The first failure was at 1_000_000: room again at 1_600_000.
    expect(limiter.tryAttempt(attempt)).toBe(590);
    now = 1_599_999;
    expect(limiter.tryAttempt(attempt)).toBe(1);
    now = 1_600_000;
    expect(limiter.tryAttempt(attempt)).toBe(0);
    // That attempt failed too: blocked until the second failure (at 1_001_000) leaves the window.
    expect(limiter.tryAttempt(attempt)).toBe(1);
  });

  it('blocks an address, and a username at an address, but never a username everywhere', () => {
    let now = 0;
    const limiter = new LoginLimiter(
      { maxFailuresPerUserAndAddress: 2, maxFailuresPerAddress: 3, windowMs: 60_000 },
      () => now,
    );
    // One address trying many usernames.
    for (const username of ['a', 'b', 'c']) expect(limiter.tryAttempt({ ip: 'ip1', username })).toBe(0);
    expect(limiter.tryAttempt({ ip: 'ip1', username: 'd' })).toBe(60);
    expect(limiter.tryAttempt({ ip: 'ip2', username: 'd' })).toBe(0);
    // One username at one address, then elsewhere.
    for (let i = 0; i < 2; i++) expect(limiter.tryAttempt({ ip: 'ip3', username: 'e' })).toBe(0);
    expect(limiter.tryAttempt({ ip: 'ip3', username: 'e' })).toBe(60);
    for (let i = 0; i < 50; i++) expect(limiter.tryAttempt({ ip: `other${i}`, username: 'e' })).toBe(0);
    expect(limiter.tryAttempt({ ip: 'ip4', username: 'e' })).toBe(0);
    // Success at an address forgets that username's failures there.
    limiter.succeeded({ ip: 'ip4', username: 'e' });
    now = 30_000;
    expect(limiter.tryAttempt({ ip: 'ip3', username: 'e' })).toBe(30);
  });

  it('counts the addresses of one IPv6 /64 as one client', () => {
    const limiter = new LoginLimiter({
      maxFailuresPerUserAndAddress: 100,
      maxFailuresPerAddress: 3,
      windowMs: 60_000,
    });
    for (const ip of ['2001:db8:1:2::1', '2001:db8:1:2::2', '2001:db8:1:2:ffff:1:2:3']) {
      expect(limiter.tryAttempt({ ip, username: 'x' })).toBe(0);
    }
    expect(limiter.tryAttempt({ ip: '2001:0db8:0001:0002::9', username: 'y' })).toBeGreaterThan(0);
    expect(limiter.tryAttempt({ ip: '2001:db8:1:3::1', username: 'y' })).toBe(0);
    expect(addressKeyOf('::ffff:192.0.2.7')).toBe('192.0.2.7');
    expect(addressKeyOf('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKeyOf('::1')).toBe('0:0:0:0::/64');
  });
});

describe.each(testEngines())('first start on %s', SLOW, (engine) => {
  const printed: string[] = [];
  let api: TestApi;
  beforeAll(async () => {
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      printed.push(String(chunk));
      return true;
    });
    try {
      api = await startTestApi(engine);
    } finally {
      write.mockRestore();
    }
  }, 60_000);
  afterAll(async () => {
    await api.stop();
  });

  it('creates admin with a random password, printed once in a box and never logged', async () => {
    const output = printed.join('');
    expect(output).toContain('| Callflow: created the first user account');
    expect(output).toContain('username: admin');
    const password = /password: (\S+)/.exec(output)?.[1] ?? '';
    expect(password.length).toBeGreaterThanOrEqual(20);
    for (const line of api.logs) expect(line).not.toContain(password);

    const admin = await logIn(api, 'admin', password);
    expect((await admin.get('/api/session')).body).toMatchObject({
      username: 'admin',
      role: 'admin',
      mustChangePassword: true,
    });
    const users = await api.db.prisma.user.findMany();
    expect(users).toHaveLength(1);
    expect(users[0]?.passwordHash).toMatch(/^scrypt\$/);
    const audit = await api.db.prisma.auditEvent.findMany();
    expect(audit).toMatchObject([{ actor: 'system', action: 'user_create', target: 'admin' }]);
    expect(audit[0]?.details).not.toContain(password);
  });

  it('does nothing (and prints nothing) on later starts', async () => {
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    let server: Server | undefined;
    try {
      ({ server } = await createApiServer({
        db: api.db,
        env: { API_PORT: '0', CALLFLOW_ADMIN_PASSWORD: 'another password' },
        log: () => {},
      }));
      expect(write).not.toHaveBeenCalled();
    } finally {
      write.mockRestore();
      server?.close();
    }
    expect(await api.db.prisma.user.count()).toBe(1);
  });

  it('takes the password from CALLFLOW_ADMIN_PASSWORD, and refuses one that is too short', async () => {
    const services = {
      db: api.db,
      log: () => {},
      audit: async () => {},
      ari: AriServers.none(),
      passwords: new PasswordHashing(),
      liveStreams: new LiveStreams(),
    };
    await api.db.prisma.user.deleteMany();
    await expect(prepareAuthentication(services, { CALLFLOW_ADMIN_PASSWORD: 'short' })).rejects.toThrow(
      'CALLFLOW_ADMIN_PASSWORD: the password must be at least 10 characters long',
    );
    expect(await api.db.prisma.user.count()).toBe(0);

    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      await prepareAuthentication(services, { CALLFLOW_ADMIN_PASSWORD: 'from the environment' });
      const output = write.mock.calls.map(([chunk]) => String(chunk)).join('');
      expect(output).toContain('username: admin');
      expect(output).not.toContain('from the environment');
    } finally {
      write.mockRestore();
    }
    await logIn(api, 'admin', 'from the environment');
  });
});

describe.each(testEngines())('sessions on %s', SLOW, (engine) => {
  let api: TestApi;
  /** A session of the first admin, for creating users. */
  let admin: ApiClient;
  beforeAll(async () => {
    api = await startTestApi(engine, testAdminEnv);
    // The first admin's pending password change is tested in security.test.ts.
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

      // This browser goes on under a new session cookie (see security.test.ts).
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

afterEach(() => {
  vi.restoreAllMocks();
});
