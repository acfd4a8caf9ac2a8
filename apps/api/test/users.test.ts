import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiClient,
  apiClient,
  firstAdminReady,
  logIn,
  loginAs,
  type RoleClients,
  TEST_ADMIN_PASSWORD,
  testAdminEnv,
} from './loginAs.ts';
import { startTestApi, type TestApi, testEngines } from './startTestApi.ts';

interface User {
  id: string;
  username: string;
  role: string;
  mustChangePassword: boolean;
  createdAt: string;
  updatedAt: string;
}

interface AuditEvent {
  id: number;
  at: string;
  actor: string;
  action: string;
  target: string;
  details: Record<string, unknown> | null;
}

interface AuditPage {
  items: AuditEvent[];
  nextCursor: string | null;
}

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

describe.each(testEngines())('the last admin on %s', { timeout: 60_000 }, (engine) => {
  let api: TestApi;
  let admin: ApiClient;
  let adminId: string;
  beforeAll(async () => {
    api = await startTestApi(engine, testAdminEnv);
    await firstAdminReady(api);
    admin = await logIn(api, 'admin', TEST_ADMIN_PASSWORD);
    adminId = (await admin.get<User>('/api/session')).body.id;
  }, 60_000);
  afterAll(async () => {
    await api.stop();
  });

  it('cannot be demoted or deleted (409)', async () => {
    const demote = await admin.patch(`/api/users/${adminId}`, { role: 'editor' });
    expect(demote.status).toBe(409);
    expect(demote.body).toEqual({
      error: 'last_admin',
      message: 'cannot demote admin: it is the last admin; make another user admin first',
    });
    const remove = await admin.delete(`/api/users/${adminId}`);
    expect(remove.status).toBe(409);
    expect(remove.body).toMatchObject({ error: 'last_admin' });
    // Keeping the role (or changing something else) is fine.
    expect((await admin.patch(`/api/users/${adminId}`, { role: 'admin' })).status).toBe(200);
    expect((await admin.get<User>('/api/session')).body).toMatchObject({ role: 'admin' });
  });

  it('can be demoted once there is another admin', async () => {
    const other = await admin.post<User>('/api/users', {
      username: 'second',
      password: 'second password',
      role: 'admin',
      mustChangePassword: false,
    });
    const second = await logIn(api, 'second', 'second password');
    expect((await second.patch(`/api/users/${adminId}`, { role: 'viewer' })).status).toBe(200);
    // Now `second` is the last one.
    expect((await second.delete(`/api/users/${other.body.id}`)).status).toBe(409);
    expect((await second.patch(`/api/users/${adminId}`, { role: 'admin' })).status).toBe(200);
    expect((await admin.delete(`/api/users/${other.body.id}`)).status).toBe(204);
  });

  it('survives two admins demoting each other at the same moment', async () => {
    for (let round = 0; round < 3; round++) {
      const other = await admin.post<User>('/api/users', {
        username: `rival${round}`,
        password: 'rival password',
        role: 'admin',
        mustChangePassword: false,
      });
      const rival = await logIn(api, `rival${round}`, 'rival password');
      const [first, second] = await Promise.all([
        admin.patch(`/api/users/${other.body.id}`, { role: 'viewer' }),
        rival.patch(`/api/users/${adminId}`, { role: 'viewer' }),
      ]);
      // One wins; the other is refused: 409 when both passed the role check before either changed
      // anything, 403 when the loser's request was checked after the winner's change.
      const statuses = [first.status, second.status].sort();
      expect(statuses[0]).toBe(200);
      expect([403, 409]).toContain(statuses[1]);
      expect(await api.db.prisma.user.count({ where: { role: 'admin' } })).toBe(1);
      // Put things back: the remaining admin restores the other one, then the rival goes.
      const remaining = first.status === 200 ? admin : rival;
      await remaining.patch(`/api/users/${first.status === 200 ? adminId : other.body.id}`, {
        role: 'admin',
      });
      await remaining.patch(`/api/users/${first.status === 200 ? other.body.id : adminId}`, {
        role: 'admin',
      });
      expect((await admin.delete(`/api/users/${other.body.id}`)).status).toBe(204);
    }
  });
});

describe.each(testEngines())('the audit log on %s', { timeout: 60_000 }, (engine) => {
  let api: TestApi;
  let as: RoleClients;
  beforeAll(async () => {
    api = await startTestApi(engine, testAdminEnv);
    as = await loginAs(api);
    // 120 events with known times (several share one instant) next to the real ones from loginAs.
    const base = Date.parse('2024-03-01T00:00:00Z');
    await api.db.prisma.auditEvent.createMany({
      data: Array.from({ length: 120 }, (_, i) => ({
        at: new Date(base + Math.floor(i / 3) * 60_000),
        actor: i % 2 === 0 ? 'ann' : 'ben',
        action: i % 4 === 0 ? 'publish' : 'unpublish',
        target: `ext-${i}`,
        details: JSON.stringify({ index: i }),
      })),
    });
  }, 60_000);
  afterAll(async () => {
    await api.stop();
  });

  async function allPages(query: string, limit: number): Promise<AuditEvent[]> {
    const items: AuditEvent[] = [];
    let cursor: string | null = null;
    do {
      const cursorParam: string = cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`;
      const page = await as.admin.get<AuditPage>(`/api/audit?limit=${limit}${query}${cursorParam}`);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(limit);
      items.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor !== null);
    return items;
  }

  it('lists events newest first, 50 by default, with details as objects', async () => {
    const page = await as.admin.get<AuditPage>('/api/audit');
    expect(page.status).toBe(200);
    expect(page.body.items).toHaveLength(50);
    expect(page.body.nextCursor).toEqual(expect.any(String));
    // The newest are the user creations of loginAs (real time, after March 2024).
    expect(page.body.items[0]).toMatchObject({
      actor: 'admin',
      action: 'user_create',
      target: as.admin.username,
    });
    const times = page.body.items.map((item) => Date.parse(item.at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const fixture = page.body.items.find((item) => item.target === 'ext-119');
    expect(fixture).toMatchObject({ actor: 'ben', action: 'unpublish', details: { index: 119 } });
  });

  it('pages through everything with the cursor, each event once, in order', async () => {
    const total = await api.db.prisma.auditEvent.count();
    const items = await allPages('', 7);
    expect(items).toHaveLength(total);
    expect(new Set(items.map((item) => item.id)).size).toBe(total);
    for (let i = 1; i < items.length; i++) {
      const [previous, current] = [items[i - 1], items[i]];
      if (previous === undefined || current === undefined) continue;
      const order = Date.parse(previous.at) - Date.parse(current.at) || previous.id - current.id;
      expect(order).toBeGreaterThan(0);
    }
  });

  it('filters by action, actor and time (since inclusive, until exclusive), combined with paging', async () => {
    const published = await allPages('&action=publish', 200);
    expect(published).toHaveLength(30);
    expect(published.every((item) => item.action === 'publish')).toBe(true);

    const annPublished = await allPages('&action=publish&actor=ann', 4);
    expect(annPublished).toHaveLength(30);

    const window = await allPages('&since=2024-03-01T00:10:00Z&until=2024-03-01T00:20:00Z', 5);
    // Minutes 10..19, three events each.
    expect(window).toHaveLength(30);
    expect(window.map((item) => item.target)).toContain('ext-30');
    expect(window.map((item) => item.target)).not.toContain('ext-60');

    const day = await allPages('&since=2024-03-01&until=2024-03-02', 200);
    expect(day).toHaveLength(120);
    const offset = await allPages('&since=2024-03-01T01:10:00%2B01:00&until=2024-03-01T00:11:00Z', 200);
    expect(offset.map((item) => item.target).sort()).toEqual(['ext-30', 'ext-31', 'ext-32']);

    const users = await allPages('&action=user_create', 200);
    expect(users.map((item) => item.target)).toEqual(
      expect.arrayContaining(['admin', as.viewer.username, as.editor.username, as.admin.username]),
    );
  });

  it('refuses a bad limit, cursor or date with 400 naming the parameter', async () => {
    for (const [query, path] of [
      ['limit=0', 'query.limit'],
      ['limit=201', 'query.limit'],
      ['limit=ten', 'query.limit'],
      ['cursor=nonsense', 'query.cursor'],
      [`cursor=${Buffer.from('{"at":"x","id":1}').toString('base64url')}`, 'query.cursor'],
      ['since=yesterday', 'query.since'],
      ['until=2024-13-01', 'query.until'],
    ] as const) {
      const response = await as.admin.get<{ problems: { path: string }[] }>(`/api/audit?${query}`);
      expect(response.status, query).toBe(400);
      expect(response.body.problems.map((problem) => problem.path)).toEqual([path]);
    }
    expect((await as.admin.get('/api/audit?limit=200')).status).toBe(200);
  });

  it('is for admins only', async () => {
    expect((await as.editor.get('/api/audit')).status).toBe(403);
    expect((await as.viewer.get('/api/audit')).status).toBe(403);
    expect((await apiClient(api).get('/api/audit')).status).toBe(401);
  });
});
