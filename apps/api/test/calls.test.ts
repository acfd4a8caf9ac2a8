import type { Prisma } from '@callflow/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, startWithViewer } from './callsTestSession.ts';
import { type TestApi, testEngines } from './startTestApi.ts';

interface CallItem {
  id: string;
  extension: string;
  flowId: string | null;
  flowName: string | null;
  flowVersionNumber: number | null;
  startedAt: string;
  endedAt: string | null;
  live: boolean;
  durationMs: number | null;
  outcome: string | null;
  currentNodeId: string | null;
  currentNodeSince: string | null;
}
interface CallPage {
  items: CallItem[];
  nextCursor: string | null;
}
interface Problems {
  error: string;
  problems: { path: string; message: string }[];
}

const t0 = Date.parse('2026-03-01T10:00:00.000Z');
const at = (seconds: number) => new Date(t0 + seconds * 1000);

type SeedCall = Prisma.CallCreateManyInput & { id: string; startedAt: Date };

function call(id: string, fields: Partial<Prisma.CallCreateManyInput> & { startedAt?: Date }): SeedCall {
  return {
    id,
    channelId: `chan-${id}`,
    asteriskServer: '127.0.0.1:8088',
    appName: 'callflow-100',
    extension: '100',
    flowId: 'flow-main',
    flowVersionId: 'version-main-1',
    callerNumber: '5551001',
    startedAt: at(0),
    endedAt: at(30),
    outcome: 'completed',
    hangupCause: '16',
    stepCount: 0,
    ...fields,
  };
}

/** The calls of the filter tests, newest first as the API lists them. */
const seeded = [
  call('c07', { startedAt: at(360), endedAt: at(400), outcome: 'lost', hangupCause: null }),
  call('c06', { startedAt: at(300), endedAt: at(320), outcome: 'step_limit' }),
  call('c05', {
    startedAt: at(300),
    endedAt: null,
    outcome: null,
    hangupCause: null,
    extension: '300',
    currentNodeId: 'menu',
    currentNodeSince: at(310),
  }),
  call('c04', {
    startedAt: at(240),
    endedAt: at(241),
    extension: '200',
    flowId: null,
    flowVersionId: null,
    outcome: 'rejected',
    hangupCause: null,
  }),
  call('c03', {
    startedAt: at(180),
    endedAt: at(200),
    extension: '200',
    flowId: 'flow-gone',
    flowVersionId: 'version-gone-3',
    callerNumber: '5551003',
    outcome: 'error',
    hangupCause: 'Network out of order',
    error: 'boom',
  }),
  call('c02', {
    startedAt: at(120),
    endedAt: at(150),
    flowVersionId: 'version-main-2',
    callerNumber: '5551002',
    outcome: 'caller_hangup',
    hangupCause: 'Normal Clearing',
  }),
  call('c01', { startedAt: at(60), endedAt: at(90), hangupCause: '16 NORMAL_clearing' }),
];

describe.each(testEngines())('call log on %s', (engine) => {
  let api: TestApi;
  let cookie: string;
  const ids = async (query: string) => {
    const { status, body } = await getJson<CallPage>(api, cookie, `/calls${query}`);
    expect(status).toBe(200);
    return body.items.map((item) => item.id);
  };

  beforeAll(async () => {
    ({ api, cookie } = await startWithViewer(engine));
    const { prisma } = api.db;
    await prisma.flow.create({ data: { id: 'flow-main', name: 'Main menu', document: '{}' } });
    await prisma.flowVersion.create({
      data: { id: 'version-main-1', flowId: 'flow-main', number: 1, document: '{}', schemaVersion: 1 },
    });
    await prisma.call.createMany({ data: seeded });
    await prisma.callStep.createMany({
      data: [
        {
          callId: 'c01',
          seq: 3,
          nodeId: 'bye',
          kind: 'hangup',
          enteredAt: at(80),
          leftAt: null,
          port: null,
          variables: null,
        },
        {
          callId: 'c01',
          seq: 1,
          nodeId: 'start',
          kind: 'start',
          enteredAt: at(60),
          leftAt: new Date(t0 + 60_250),
          port: 'next',
          variables: null,
        },
        {
          callId: 'c01',
          seq: 2,
          nodeId: 'menu',
          kind: 'menu',
          enteredAt: new Date(t0 + 60_250),
          leftAt: at(80),
          port: '1',
          variables: JSON.stringify({ 'vars.choice': '1', 'menu.attempts': '2' }),
          error: null,
        },
      ],
    });
  }, 60_000);
  afterAll(async () => {
    await api.stop();
  });

  it('needs a login', async () => {
    const { status } = await getJson(api, null, '/calls');
    expect(status).toBe(401);
  });

  it('lists calls newest first, ties broken by id, with flow names where the flow still exists', async () => {
    const { status, body } = await getJson<CallPage>(api, cookie, '/calls');
    expect(status).toBe(200);
    expect(body.items.map((item) => item.id)).toEqual(seeded.map((row) => row.id));
    expect(body.nextCursor).toBeNull();
    const byId = new Map(body.items.map((item) => [item.id, item]));
    expect(byId.get('c01')).toEqual({
      id: 'c01',
      channelId: 'chan-c01',
      asteriskServer: '127.0.0.1:8088',
      appName: 'callflow-100',
      extension: '100',
      flowId: 'flow-main',
      flowName: 'Main menu',
      flowVersionId: 'version-main-1',
      flowVersionNumber: 1,
      callerNumber: '5551001',
      callerName: '',
      startedAt: '2026-03-01T10:01:00.000Z',
      endedAt: '2026-03-01T10:01:30.000Z',
      durationMs: 30_000,
      live: false,
      outcome: 'completed',
      hangupCause: '16 NORMAL_clearing',
      stepCount: 0,
      error: null,
      currentNodeId: null,
      currentNodeSince: null,
    });
    expect(byId.get('c02')).toMatchObject({ flowName: 'Main menu', flowVersionNumber: null });
    expect(byId.get('c03')).toMatchObject({ flowName: null, flowVersionNumber: null, error: 'boom' });
    expect(byId.get('c05')).toMatchObject({
      live: true,
      endedAt: null,
      durationMs: null,
      outcome: null,
      currentNodeId: 'menu',
      currentNodeSince: '2026-03-01T10:05:10.000Z',
    });
  });

  it('filters by flow, version, extension, caller, outcome and liveness', async () => {
    expect(await ids('?flowId=flow-main')).toEqual(['c07', 'c06', 'c05', 'c02', 'c01']);
    expect(await ids('?flowVersionId=version-main-2')).toEqual(['c02']);
    expect(await ids('?extension=200')).toEqual(['c04', 'c03']);
    expect(await ids('?callerNumber=5551003')).toEqual(['c03']);
    expect(await ids('?outcome=rejected')).toEqual(['c04']);
    expect(await ids('?outcome=caller_hangup')).toEqual(['c02']);
    expect(await ids('?live=true')).toEqual(['c05']);
    expect(await ids('?live=false')).toEqual(['c07', 'c06', 'c04', 'c03', 'c02', 'c01']);
    expect(await ids('?extension=100&outcome=completed')).toEqual(['c01']);
    expect(await ids('?extension=999')).toEqual([]);
  });

  it('matches the hangup cause as a substring in any case', async () => {
    expect(await ids('?hangupCause=normal')).toEqual(['c02', 'c01']);
    expect(await ids('?hangupCause=16')).toEqual(['c06', 'c01']);
    expect(await ids('?hangupCause=NORMAL%20CLEAR')).toEqual(['c02']);
    // LIKE wildcards would match more than the text: refused rather than silently widened.
    for (const wildcard of ['%25', '_', '%5C']) {
      const { status, body } = await getJson<Problems>(api, cookie, `/calls?hangupCause=a${wildcard}`);
      expect(status).toBe(400);
      expect(body.problems[0]?.path).toBe('query.hangupCause');
    }
  });

  it('filters by a start time range: from inclusive, to exclusive', async () => {
    expect(await ids('?from=2026-03-01T10:02:00Z&to=2026-03-01T10:04:00Z')).toEqual(['c03', 'c02']);
    expect(await ids('?from=2026-03-01T11:05:00%2B01:00')).toEqual(['c07', 'c06', 'c05']);
    expect(await ids('?to=2026-03-01')).toEqual([]);
    expect(await ids('?from=2026-03-01')).toHaveLength(7);
  });

  it('refuses invalid filters with 400 and names each problem', async () => {
    const { status, body } = await getJson<Problems>(
      api,
      cookie,
      '/calls?outcome=finished&live=yes&limit=201&from=yesterday',
    );
    expect(status).toBe(400);
    expect(body.error).toBe('invalid_request');
    expect(body.problems.map((problem) => problem.path).sort()).toEqual([
      'query.from',
      'query.limit',
      'query.live',
      'query.outcome',
    ]);
    const reversed = await getJson<Problems>(api, cookie, '/calls?from=2026-03-02&to=2026-03-01');
    expect(reversed.status).toBe(400);
    expect(reversed.body.problems).toEqual([
      {
        severity: 'error',
        code: 'invalid-field',
        message: '`to` is before `from`',
        nodeId: null,
        edgeId: null,
        path: 'query.to',
      },
    ]);
    expect((await getJson(api, cookie, '/calls?limit=0')).status).toBe(400);
    expect((await getJson(api, cookie, '/calls?extension=1&extension=2')).status).toBe(400);
  });

  it('pages with an opaque cursor, stable across equal start times and with filters', async () => {
    const pageThrough = async (query: string, limit: number) => {
      const all: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const suffix: string = cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`;
        const { status, body } = await getJson<CallPage>(
          api,
          cookie,
          `/calls?limit=${limit}${query}${suffix}`,
        );
        expect(status).toBe(200);
        expect(body.items.length).toBeLessThanOrEqual(limit);
        all.push(...body.items.map((item) => item.id));
        cursor = body.nextCursor;
        pages++;
      } while (cursor !== null && pages < 50);
      return { all, pages };
    };
    expect(await pageThrough('', 2)).toEqual({ all: seeded.map((row) => row.id), pages: 4 });
    // c05 and c06 start at the same instant: a page boundary between them loses nothing.
    expect((await pageThrough('', 3)).all).toEqual(seeded.map((row) => row.id));
    expect(await pageThrough('&flowId=flow-main', 2)).toEqual({
      all: ['c07', 'c06', 'c05', 'c02', 'c01'],
      pages: 3,
    });
    // Exactly one page: no cursor to a next, empty page.
    const exact = await getJson<CallPage>(api, cookie, '/calls?limit=7');
    expect(exact.body.nextCursor).toBeNull();
  });

  it('pages through many calls sharing start times, default page size 50', async () => {
    const many = Array.from({ length: 130 }, (_, index) =>
      call(`m${String(index).padStart(3, '0')}`, {
        extension: '700',
        startedAt: at(1000 + (index % 4)),
        endedAt: at(2000),
      }),
    );
    await api.db.prisma.call.createMany({ data: many });
    const expected = [...many]
      .sort((a, b) => Number(b.startedAt) - Number(a.startedAt) || (a.id < b.id ? 1 : -1))
      .map((row) => row.id);
    const first = await getJson<CallPage>(api, cookie, '/calls?extension=700');
    expect(first.body.items).toHaveLength(50);
    const second = await getJson<CallPage>(
      api,
      cookie,
      `/calls?extension=700&cursor=${encodeURIComponent(first.body.nextCursor ?? '')}&limit=200`,
    );
    expect(second.body.nextCursor).toBeNull();
    expect([...first.body.items, ...second.body.items].map((item) => item.id)).toEqual(expected);
  });

  it('answers a tampered or foreign cursor with 400, not 500', async () => {
    const { body } = await getJson<CallPage>(api, cookie, '/calls?limit=2');
    const cursor = body.nextCursor ?? '';
    const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
    const forged = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const tampered = [
      `${cursor.slice(0, -2)}!!`,
      cursor.slice(1),
      'abc',
      Buffer.from(decoded.replace('calls', 'xalls')).toString('base64url'),
      forged(['calls', 'not a time', 'c01']),
      forged(['calls', 1e20, 'c01']),
      forged(['calls', t0, 42]),
      forged(['events', t0, 5]),
      forged({ at: t0 }),
      Buffer.from('not json').toString('base64url'),
      'x'.repeat(5000),
    ];
    for (const value of tampered) {
      const response = await getJson<Problems>(api, cookie, `/calls?cursor=${encodeURIComponent(value)}`);
      expect(response.status, value).toBe(400);
      expect(response.body.problems[0]?.path).toBe('query.cursor');
    }
    expect(api.logs.filter((line) => line.startsWith('error'))).toEqual([]);
  });

  it('shows one call with its steps ordered by seq, variables parsed and durations in ms', async () => {
    const { status, body } = await getJson<CallItem & { steps: Record<string, unknown>[] }>(
      api,
      cookie,
      '/calls/c01',
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({ id: 'c01', flowName: 'Main menu', outcome: 'completed' });
    expect(body.steps.map((step) => step.seq)).toEqual([1, 2, 3]);
    expect(body.steps[0]).toEqual({
      id: expect.any(Number),
      callId: 'c01',
      seq: 1,
      nodeId: 'start',
      kind: 'start',
      enteredAt: '2026-03-01T10:01:00.000Z',
      leftAt: '2026-03-01T10:01:00.250Z',
      durationMs: 250,
      port: 'next',
      variables: {},
      error: null,
    });
    expect(body.steps[1]).toMatchObject({
      durationMs: 19_750,
      variables: { 'vars.choice': '1', 'menu.attempts': '2' },
    });
    expect(body.steps[2]).toMatchObject({ leftAt: null, durationMs: null, port: null });
    const empty = await getJson<{ steps: unknown[] }>(api, cookie, '/calls/c04');
    expect(empty.body.steps).toEqual([]);
  });

  it('shows where a live call is in its detail too', async () => {
    const { status, body } = await getJson<CallItem>(api, cookie, '/calls/c05');
    expect(status).toBe(200);
    expect(body).toMatchObject({ currentNodeId: 'menu', currentNodeSince: '2026-03-01T10:05:10.000Z' });
  });

  it('answers an unknown call with 404', async () => {
    const { status, body } = await getJson(api, cookie, '/calls/nope');
    expect(status).toBe(404);
    expect(body).toEqual({ error: 'not_found', message: 'call nope does not exist' });
  });
});
