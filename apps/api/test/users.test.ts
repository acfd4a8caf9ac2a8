import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, logIn, loginAs, type RoleClients, testAdminEnv } from './loginAs.ts';
import { startTestApi, type TestApi, testEngines } from './startTestApi.ts';
import type { User } from './userAnswer.ts';

async function loginStatus(api: TestApi, username: string, password: string): Promise<number> {
  const response = await fetch(`${api.url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  return response.status;
}

describe.each(testEngines())('users on %s', { timeout: 60_000 }, (engine) => {
  let api: TestApi;
  let as: RoleClients;
  beforeAll(async () => {
    api = await startTestApi(engine, testAdminEnv);
    as = await loginAs(api);
  }, 60_000);
  afterAll(async () => {
    await api.stop();
  });

  it('creates a user (201, never its hash) who can then log in', async () => {
    const created = await as.admin.post<User>('/api/users', {
      username: 'alice',
      password: 'alice password',
      role: 'editor',
    });
    expect(created.status).toBe(201);
    expect(Object.keys(created.body).sort()).toEqual([
      'createdAt',
      'id',
      'mustChangePassword',
      'role',
      'updatedAt',
      'username',
    ]);
    // A password an admin chose is to be replaced by its user.
    expect(created.body).toMatchObject({ username: 'alice', role: 'editor', mustChangePassword: true });
    const alice = await logIn(api, 'alice', 'alice password');
    expect((await alice.get('/api/session')).body).toMatchObject({ username: 'alice', role: 'editor' });

    const chosen = await as.admin.post<User>('/api/users', {
      username: 'alice.b',
      password: 'alice password',
      role: 'viewer',
      mustChangePassword: false,
    });
    expect(chosen.body.mustChangePassword).toBe(false);
  });

  it('lists users by username, without password hashes', async () => {
    const list = await as.admin.get<{ items: User[] }>('/api/users');
    expect(list.status).toBe(200);
    const names = list.body.items.map((user) => user.username);
    expect(names).toEqual([...names].sort());
    expect(names).toEqual(expect.arrayContaining(['admin', 'alice', as.viewer.username, as.editor.username]));
    const text = JSON.stringify(list.body);
    expect(text).not.toContain('scrypt');
    expect(text).not.toContain('passwordHash');
  });

  it.each([
    [{ username: 'al', password: 'long enough 1', role: 'viewer' }, 'body.username', 'at least 3 characters'],
    [{ username: 'a'.repeat(41), password: 'long enough 1', role: 'viewer' }, 'body.username', 'at most 40'],
    [{ username: 'Alice', password: 'long enough 1', role: 'viewer' }, 'body.username', 'lowercase letters'],
    [{ username: 'al ice', password: 'long enough 1', role: 'viewer' }, 'body.username', 'lowercase letters'],
    [{ username: 'bob', password: 'short', role: 'viewer' }, 'body.password', 'at least 10 characters'],
    [{ username: 'bob', password: 'long enough 1', role: 'root' }, 'body.role', ''],
  ])('refuses %j with 400 at %s', async (body, path, message) => {
    const response = await as.admin.post<{ error: string; problems: { path: string; message: string }[] }>(
      '/api/users',
      body,
    );
    expect(response.status).toBe(400);
    expect(response.body.error).toBe('invalid_request');
    expect(response.body.problems).toEqual([
      {
        severity: 'error',
        code: 'invalid-field',
        message: expect.stringContaining(message),
        nodeId: null,
        edgeId: null,
        path,
      },
    ]);
  });

  it('accepts usernames of digits, dots, underscores and hyphens', async () => {
    const response = await as.admin.post('/api/users', {
      username: 'a.b_c-9',
      password: 'long enough 1',
      role: 'viewer',
    });
    expect(response.status).toBe(201);
  });

  it('refuses a username that is taken (409)', async () => {
    const response = await as.admin.post('/api/users', {
      username: 'alice',
      password: 'other password',
      role: 'viewer',
    });
    expect(response.status).toBe(409);
    expect(response.body).toEqual({
      error: 'username_taken',
      message: 'the username alice is already taken',
    });
  });

  it('changes a role, effective at once for the user’s sessions', async () => {
    const bob = await as.admin.post<User>('/api/users', {
      username: 'bob',
      password: 'bob password 1',
      role: 'admin',
      mustChangePassword: false,
    });
    const session = await logIn(api, 'bob', 'bob password 1');
    expect((await session.get('/api/users')).status).toBe(200);

    const changed = await as.admin.patch<User>(`/api/users/${bob.body.id}`, { role: 'viewer' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ username: 'bob', role: 'viewer' });
    expect((await session.get('/api/users')).status).toBe(403);
    expect((await session.get('/api/session')).body).toMatchObject({ role: 'viewer' });
  });

  it('sets a new password: ends the user’s sessions, old one refused, must change it', async () => {
    const carol = await as.admin.post<User>('/api/users', {
      username: 'carol',
      password: 'carol password 1',
      role: 'editor',
      mustChangePassword: false,
    });
    const session = await logIn(api, 'carol', 'carol password 1');
    const changed = await as.admin.patch<User>(`/api/users/${carol.body.id}`, {
      password: 'carol password 2',
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ role: 'editor', mustChangePassword: true });
    expect((await session.get('/api/session')).status).toBe(401);
    expect(await loginStatus(api, 'carol', 'carol password 1')).toBe(401);
    expect(await loginStatus(api, 'carol', 'carol password 2')).toBe(200);

    const short = await as.admin.patch(`/api/users/${carol.body.id}`, { password: 'short' });
    expect(short.status).toBe(400);
    expect(short.body).toMatchObject({ problems: [{ path: 'body.password' }] });
  });

  it('keeps an admin setting their own password logged in, under a new session cookie', async () => {
    const me = (await as.admin.get<User>('/api/session')).body;
    const changed = await as.admin.patch<User>(`/api/users/${me.id}`, { password: 'test-user-password' });
    expect(changed.status).toBe(200);
    expect(changed.body.mustChangePassword).toBe(false);
    const renewed = changed.headers
      .getSetCookie()
      .map((header) => header.split(';')[0] ?? '')
      .find((pair) => pair.startsWith('callflow_session='));
    expect((await as.admin.get('/api/session')).status).toBe(401);
    as = { ...as, admin: apiClient(api, renewed, as.admin.username) };
    expect((await as.admin.get('/api/session')).status).toBe(200);
  });

  it('answers 400 for an empty change or a malformed id, 404 for an unknown user', async () => {
    const alice = (await as.admin.get<{ items: User[] }>('/api/users')).body.items.find(
      (u) => u.username === 'alice',
    );
    const empty = await as.admin.patch(`/api/users/${alice?.id}`, {});
    expect(empty.status).toBe(400);
    expect(empty.body).toMatchObject({
      problems: [{ path: 'body', message: 'give at least one of role, password, mustChangePassword' }],
    });
    expect((await as.admin.patch('/api/users/not-a-uuid', { role: 'viewer' })).status).toBe(400);
    const unknown = await as.admin.patch('/api/users/00000000-0000-4000-8000-000000000000', {
      role: 'viewer',
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ error: 'not_found' });
    expect((await as.admin.delete('/api/users/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('deletes a user: sessions end, login refused, gone from the list', async () => {
    const dave = await as.admin.post<User>('/api/users', {
      username: 'dave',
      password: 'dave password 1',
      role: 'editor',
    });
    const session = await logIn(api, 'dave', 'dave password 1');
    const deleted = await as.admin.delete(`/api/users/${dave.body.id}`);
    expect(deleted.status).toBe(204);
    expect(deleted.body).toBeNull();
    expect((await session.get('/api/session')).status).toBe(401);
    expect(await api.db.prisma.session.count({ where: { userId: dave.body.id } })).toBe(0);
    expect(await loginStatus(api, 'dave', 'dave password 1')).toBe(401);
    const list = await as.admin.get<{ items: User[] }>('/api/users');
    expect(list.body.items.map((user) => user.username)).not.toContain('dave');
    expect((await as.admin.delete(`/api/users/${dave.body.id}`)).status).toBe(404);
  });

  it('is for admins only', async () => {
    for (const client of [as.viewer, as.editor]) {
      expect((await client.get('/api/users')).status).toBe(403);
      expect(
        (await client.post('/api/users', { username: 'eve', password: 'eve password 1', role: 'admin' }))
          .status,
      ).toBe(403);
    }
    expect((await as.anonymous.get('/api/users')).status).toBe(401);
    expect(await api.db.prisma.user.count({ where: { username: 'eve' } })).toBe(0);
  });

  it('audits every user change, without passwords', async () => {
    const events = await api.db.prisma.auditEvent.findMany({ orderBy: { id: 'asc' } });
    const summary = events.map((event) => ({
      actor: event.actor,
      action: event.action,
      target: event.target,
      details: event.details === null ? null : JSON.parse(event.details),
    }));
    const admin = as.admin.username;
    expect(summary).toEqual(
      expect.arrayContaining([
        {
          actor: 'system',
          action: 'user_create',
          target: 'admin',
          details: { role: 'admin', firstStart: true },
        },
        {
          actor: admin,
          action: 'user_create',
          target: 'alice',
          details: { role: 'editor', mustChangePassword: true },
        },
        {
          actor: admin,
          action: 'user_update',
          target: 'bob',
          details: { role: { from: 'admin', to: 'viewer' } },
        },
        {
          actor: admin,
          action: 'user_update',
          target: 'carol',
          details: { password: 'set', mustChangePassword: true, sessionsEnded: 1 },
        },
        { actor: admin, action: 'user_delete', target: 'dave', details: { role: 'editor' } },
      ]),
    );
    const text = JSON.stringify(events);
    for (const secret of ['password 1', 'password 2', 'scrypt']) expect(text).not.toContain(secret);
  });
});
