import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, loginAs, type RoleClients, testAdminEnv } from './loginAs.ts';
import { startTestApi, type TestApi, testEngines } from './startTestApi.ts';

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
