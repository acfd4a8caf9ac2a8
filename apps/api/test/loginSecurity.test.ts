// What a stolen cookie or a guessing attacker can and cannot do: login limits per address, password
// hashing upgrades and session rotation on a password change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PasswordHashing } from '../src/services/auth/PasswordHashing.ts';
import { apiClient, firstAdminReady, logIn, loginAs, type RoleClients, testAdminEnv } from './loginAs.ts';
import { startTestApi, type TestApi, testEngines, testPasswordHashing } from './startTestApi.ts';

const SLOW = { timeout: 60_000 };

describe.each(testEngines())('failed logins on %s', SLOW, (engine) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(engine, testAdminEnv);
    await firstAdminReady(api);
  }, 60_000);
  afterAll(async () => {
    await api.stop();
  });

  /** A login from `ip` (the API trusts X-Forwarded-For from loopback, as from a local proxy). */
  const loginFrom = (ip: string, password: string) =>
    fetch(`${api.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
      body: JSON.stringify({ username: 'admin', password }),
    });

  it('from an attacker’s address do not lock the user out at their own', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 100; i++) statuses.push((await loginFrom('192.0.2.66', 'guessing')).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.slice(10)).toEqual(Array(90).fill(429));
    expect((await loginFrom('198.51.100.7', testAdminEnv.CALLFLOW_ADMIN_PASSWORD ?? '')).status).toBe(200);
  });
});

describe.each(testEngines())('passwords and sessions on %s', SLOW, (engine) => {
  let api: TestApi;
  let as: RoleClients;
  beforeAll(async () => {
    api = await startTestApi(engine, testAdminEnv);
    as = await loginAs(api);
  }, 60_000);
  afterAll(async () => {
    await api.stop();
  });

  it('upgrades a hash made with weaker parameters when its user logs in', async () => {
    const old = await new PasswordHashing({ N: 2 ** 10, r: 8, p: 1 }).hash('an old password');
    const user = await api.db.prisma.user.create({
      data: { username: 'oldtimer', passwordHash: old, role: 'viewer' },
    });
    await logIn(api, 'oldtimer', 'an old password');
    const stored = (await api.db.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash;
    const { N, r, p } = testPasswordHashing.parameters;
    expect(stored).toMatch(new RegExp(`^scrypt\\$N=${N},r=${r},p=${p}\\$`));
    expect(await testPasswordHashing.verify('an old password', stored)).toBe(true);
    // Logging in again leaves the upgraded hash alone.
    await logIn(api, 'oldtimer', 'an old password');
    expect((await api.db.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toBe(
      stored,
    );
  });

  it('gives the session a new cookie on a password change and ends every other one', async () => {
    await as.admin.post('/api/users', {
      username: 'rotator',
      password: 'rotator password 1',
      role: 'editor',
      mustChangePassword: false,
    });
    const here = await logIn(api, 'rotator', 'rotator password 1');
    const elsewhere = await logIn(api, 'rotator', 'rotator password 1');
    const response = await fetch(`${api.url}/api/session/password`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', cookie: here.cookie },
      body: JSON.stringify({ currentPassword: 'rotator password 1', newPassword: 'rotator password 2' }),
    });
    expect(response.status).toBe(200);
    const renewed = response.headers
      .getSetCookie()
      .map((header) => header.split(';')[0] ?? '')
      .find((pair) => pair.startsWith('callflow_session='));
    expect(renewed).toMatch(/^callflow_session=[\w-]{43}$/);
    expect(renewed).not.toBe(here.cookie);
    expect((await here.get('/api/session')).status).toBe(401);
    expect((await elsewhere.get('/api/session')).status).toBe(401);
    expect((await apiClient(api, renewed).get('/api/session')).body).toMatchObject({ username: 'rotator' });
    expect(await api.db.prisma.session.count({ where: { user: { username: 'rotator' } } })).toBe(1);
  });

  it('does the same when admins set their own password through the user list', async () => {
    const me = (await as.admin.get<{ id: string }>('/api/session')).body.id;
    const response = await fetch(`${api.url}/api/users/${me}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', cookie: as.admin.cookie },
      body: JSON.stringify({ password: 'my own new password' }),
    });
    expect(response.status).toBe(200);
    const renewed = response.headers
      .getSetCookie()
      .map((header) => header.split(';')[0] ?? '')
      .find((pair) => pair.startsWith('callflow_session='));
    expect((await as.admin.get('/api/session')).status).toBe(401);
    expect((await apiClient(api, renewed).get('/api/users')).status).toBe(200);
  });
});
