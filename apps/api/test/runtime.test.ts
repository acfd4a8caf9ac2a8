import type { Prisma } from '@callflow/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, startWithViewer } from './callsTestSession.ts';
import { type TestApi, testEngines } from './startTestApi.ts';

interface EventPage {
  items: { id: number; at: string; level: string; type: string; extension: string | null }[];
  nextCursor: string | null;
}

const t0 = Date.parse('2026-03-01T10:00:00.000Z');
const at = (seconds: number) => new Date(t0 + seconds * 1000);

const events: Prisma.RuntimeEventCreateManyInput[] = [
  {
    at: at(0),
    level: 'info',
    type: 'connected',
    message: 'connected to Asterisk 22',
    asteriskServer: 'a:8088',
  },
  {
    at: at(1),
    level: 'info',
    type: 'app_registered',
    message: 'app up',
    appName: 'callflow-100',
    extension: '100',
  },
  { at: at(2), level: 'info', type: 'publish_applied', message: 'serving v1', extension: '100' },
  { at: at(2), level: 'info', type: 'publish_applied', message: 'serving v1', extension: '200' },
  { at: at(2), level: 'info', type: 'publish_applied', message: 'serving v2', extension: '300' },
  { at: at(3), level: 'warn', type: 'disconnected', message: 'lost ARI', asteriskServer: 'a:8088' },
  { at: at(4), level: 'error', type: 'error', message: 'cannot register app', extension: '200' },
  { at: at(5), level: 'info', type: 'connected', message: 'back', asteriskServer: 'a:8088' },
];

describe.each(testEngines())('runtime status and events on %s', (engine) => {
  let api: TestApi;
  let cookie: string;
  const types = async (query: string) => {
    const { status, body } = await getJson<EventPage>(api, cookie, `/runtime/events${query}`);
    expect(status).toBe(200);
    return body.items.map((item) => `${item.type}@${item.at.slice(17, 19)}${item.extension ?? ''}`);
  };

  beforeAll(async () => {
    ({ api, cookie } = await startWithViewer(engine));
    await api.db.prisma.runtimeEvent.createMany({ data: events });
  }, 60_000);
  afterAll(async () => {
    await api.stop();
  });

  it('needs a login', async () => {
    expect((await getJson(api, null, '/runtime/status')).status).toBe(401);
    expect((await getJson(api, null, '/runtime/events')).status).toBe(401);
  });

  it('reports each Asterisk server, and a status not refreshed for 10 s as stale and disconnected', async () => {
    expect(await getJson(api, cookie, '/runtime/status')).toMatchObject({
      status: 200,
      body: { servers: [] },
    });
    const now = Date.now();
    await api.db.prisma.runtimeStatus.createMany({
      data: [
        {
          asteriskServer: 'a:8088',
          connected: true,
          asteriskVersion: '22.1.0',
          apps: JSON.stringify(['callflow-100', 'callflow-200']),
          serving: JSON.stringify({ '100': 'v-1', '200': 'v-2' }),
          startedAt: new Date(now - 60_000),
          updatedAt: new Date(now - 1000),
        },
        {
          asteriskServer: 'b:8088',
          connected: true,
          asteriskVersion: '20.5.0',
          apps: JSON.stringify(['callflow-300']),
          serving: JSON.stringify({ '300': 'v-3' }),
          startedAt: new Date(now - 600_000),
          updatedAt: new Date(now - 11_000),
        },
        {
          asteriskServer: 'c:8088',
          connected: false,
          asteriskVersion: null,
          apps: '[]',
          startedAt: new Date(now - 5000),
          updatedAt: new Date(now - 500),
        },
      ],
    });
    const { status, body } = await getJson<{ servers: Record<string, unknown>[]; checkedAt: string }>(
      api,
      cookie,
      '/runtime/status',
    );
    expect(status).toBe(200);
    expect(Date.parse(body.checkedAt)).toBeGreaterThanOrEqual(now);
    expect(body.servers).toEqual([
      {
        asteriskServer: 'a:8088',
        connected: true,
        stale: false,
        asteriskVersion: '22.1.0',
        apps: ['callflow-100', 'callflow-200'],
        serving: { '100': 'v-1', '200': 'v-2' },
        startedAt: new Date(now - 60_000).toISOString(),
        updatedAt: new Date(now - 1000).toISOString(),
      },
      {
        asteriskServer: 'b:8088',
        connected: false,
        stale: true,
        asteriskVersion: '20.5.0',
        apps: ['callflow-300'],
        serving: { '300': 'v-3' },
        startedAt: new Date(now - 600_000).toISOString(),
        updatedAt: new Date(now - 11_000).toISOString(),
      },
      {
        asteriskServer: 'c:8088',
        connected: false,
        stale: false,
        asteriskVersion: null,
        apps: [],
        serving: {},
        startedAt: new Date(now - 5000).toISOString(),
        updatedAt: new Date(now - 500).toISOString(),
      },
    ]);

    // A runtime reporting again is fresh again.
    await api.db.prisma.runtimeStatus.update({
      where: { asteriskServer: 'b:8088' },
      data: { connected: true },
    });
    const again = await getJson<{
      servers: { asteriskServer: string; connected: boolean; stale: boolean }[];
    }>(api, cookie, '/runtime/status');
    expect(again.body.servers.find((server) => server.asteriskServer === 'b:8088')).toMatchObject({
      connected: true,
      stale: false,
    });
  });

  it('lists runtime events newest first, ties broken by id', async () => {
    expect(await types('')).toEqual([
      'connected@05',
      'error@04200',
      'disconnected@03',
      'publish_applied@02300',
      'publish_applied@02200',
      'publish_applied@02100',
      'app_registered@01100',
      'connected@00',
    ]);
    const { body } = await getJson<EventPage>(api, cookie, '/runtime/events?limit=1');
    expect(body.items[0]).toEqual({
      id: expect.any(Number),
      at: '2026-03-01T10:00:05.000Z',
      level: 'info',
      type: 'connected',
      message: 'back',
      extension: null,
      appName: null,
      asteriskServer: 'a:8088',
    });
  });

  it('filters by level, type, extension, server and time', async () => {
    expect(await types('?level=warn')).toEqual(['disconnected@03']);
    expect(await types('?level=error')).toEqual(['error@04200']);
    expect(await types('?type=connected')).toEqual(['connected@05', 'connected@00']);
    expect(await types('?extension=200')).toEqual(['error@04200', 'publish_applied@02200']);
    expect(await types('?asteriskServer=a:8088&type=disconnected')).toEqual(['disconnected@03']);
    expect(await types('?from=2026-03-01T10:00:02Z&to=2026-03-01T10:00:04Z')).toEqual([
      'disconnected@03',
      'publish_applied@02300',
      'publish_applied@02200',
      'publish_applied@02100',
    ]);
    expect((await getJson(api, cookie, '/runtime/events?level=debug')).status).toBe(400);
  });

  it('pages with a cursor through events sharing a time; a tampered cursor is a 400', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const suffix: string = cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`;
      const { body } = await getJson<EventPage>(api, cookie, `/runtime/events?limit=3${suffix}`);
      seen.push(...body.items.map((item) => `${item.type}@${item.at.slice(17, 19)}${item.extension ?? ''}`));
      cursor = body.nextCursor;
    } while (cursor !== null && seen.length < 100);
    expect(seen).toEqual(await types(''));

    const { body } = await getJson<EventPage>(api, cookie, '/runtime/events?limit=3');
    const callsCursor = (await getJson<{ nextCursor: string | null }>(api, cookie, '/calls?limit=1')).body;
    expect(callsCursor.nextCursor).toBeNull();
    const forged = Buffer.from(JSON.stringify(['calls', t0, 'x'])).toString('base64url');
    for (const value of [`${body.nextCursor ?? ''}x`, 'Zm9v', forged, '%%%']) {
      const response = await getJson<{ problems: { path: string }[] }>(
        api,
        cookie,
        `/runtime/events?cursor=${encodeURIComponent(value)}`,
      );
      expect(response.status, value).toBe(400);
      expect(response.body.problems[0]?.path).toBe('query.cursor');
    }
  });
});
