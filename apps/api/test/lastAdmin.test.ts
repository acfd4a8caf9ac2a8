import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, firstAdminReady, logIn, TEST_ADMIN_PASSWORD, testAdminEnv } from './loginAs.ts';
import { startTestApi, type TestApi, testEngines } from './startTestApi.ts';
import type { User } from './userAnswer.ts';

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
