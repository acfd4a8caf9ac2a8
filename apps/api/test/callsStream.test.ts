import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Database } from '@callflow/db';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { AriServers } from '../src/ari/AriServers.ts';
import { createApp } from '../src/createApp.ts';
import { LiveStreams } from '../src/http/LiveStreams.ts';
import { callStreamRoute } from '../src/routes/calls/callRoutes.ts';
import { PasswordHashing } from '../src/services/auth/PasswordHashing.ts';
import { callStreamActivity } from '../src/services/calls/CallStream.ts';
import { afterTwoMarkers, newCall, newStep, SseClient, until } from './callStreamClient.ts';
import { startWithViewer } from './callsTestSession.ts';
import { type TestApi, testEngines } from './startTestApi.ts';
import { testPromptMedia } from './testPromptMedia.ts';

describe.each(testEngines())('live call stream on %s', (engine) => {
  let api: TestApi;
  let cookie: string;
  const clients: SseClient[] = [];
  const connect = async (query = '') => {
    const client = await SseClient.open(`${api.url}/api/calls/stream${query}`, cookie);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    ({ api, cookie } = await startWithViewer(engine));
  }, 60_000);
  afterEach(async () => {
    for (const client of clients.splice(0)) client.close();
    await until(() => callStreamActivity().open === 0, 'streams to close');
  });
  afterAll(async () => {
    await api.stop();
  });

  it('needs a login, answered as JSON rather than a stream', async () => {
    const response = await fetch(`${api.url}/api/calls/stream`);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: 'not_logged_in' });
  });

  it('sends the live calls when connecting, then new calls, their steps and their end', async () => {
    await api.db.prisma.call.create({
      data: newCall('before-live', { startedAt: new Date(Date.now() - 60_000) }),
    });
    await api.db.prisma.call.create({
      data: newCall('before-ended', { endedAt: new Date(), outcome: 'completed' }),
    });
    await api.db.prisma.callStep.createMany({ data: [newStep('before-ended', 1)] });

    const client = await connect();
    expect(client.response.status).toBe(200);
    expect(client.response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(client.response.headers.get('cache-control')).toContain('no-cache');
    await until(() => client.events.length >= 1, 'the live call');
    expect(client.events[0]).toMatchObject({ event: 'call', data: { id: 'before-live', live: true } });

    await api.db.prisma.call.create({ data: newCall('after-1') });
    await until(() => client.of('call').some((call) => call.id === 'after-1'), 'the new call');
    expect(client.of('call').find((call) => call.id === 'after-1')).toMatchObject({
      live: true,
      extension: '100',
      endedAt: null,
      outcome: null,
    });

    await api.db.prisma.callStep.createMany({ data: [newStep('after-1', 1), newStep('after-1', 2)] });
    await until(() => client.of('step').length >= 2, 'two steps');
    const steps = client.of('step');
    expect(steps.map((step) => [step.callId, step.seq])).toEqual([
      ['after-1', 1],
      ['after-1', 2],
    ]);
    expect(steps[1]).toMatchObject({
      kind: 'play',
      durationMs: 400,
      port: 'next',
      variables: { 'vars.greeting': 'hello' },
    });

    await api.db.prisma.call.update({
      where: { id: 'after-1' },
      data: {
        endedAt: new Date(),
        outcome: 'caller_hangup',
        hangupCause: '16 Normal Clearing',
        stepCount: 2,
      },
    });
    await until(
      () => client.of('call').some((call) => call.id === 'after-1' && call.live === false),
      'the end of the call',
    );
    expect(
      client
        .of('call')
        .filter((call) => call.id === 'after-1')
        .at(-1),
    ).toMatchObject({
      outcome: 'caller_hangup',
      hangupCause: '16 Normal Clearing',
      stepCount: 2,
    });
    // Nothing of before the connection except the live call, and nothing twice.
    const [events = []] = await afterTwoMarkers(api.db, [client]);
    const sent = events.map((item) => `${item.event}:${String(item.data.id)}`);
    expect(sent.filter((item) => item.startsWith('call:'))).toEqual([
      'call:before-live',
      'call:after-1',
      'call:after-1',
    ]);
    expect(
      events.filter((item) => item.event === 'step').every((step) => step.data.callId === 'after-1'),
    ).toBe(true);
    expect(new Set(sent).size).toBe(sent.length - 1);
  });

  it('sends a live call again each time it enters a node, the same one included, and once it ends', async () => {
    // The stream answers once it has taken its baseline: what is written from now on is new.
    const client = await connect();
    await api.db.prisma.call.create({ data: newCall('moving') });
    const sent = () => client.of('call').filter((call) => call.id === 'moving');
    await until(() => sent().length === 1, 'the new call');
    const since = (seconds: number) => new Date(Date.parse('2026-03-01T10:00:00.000Z') + seconds * 1000);
    const moves: [string, number][] = [
      ['menu', 1],
      // The menu again, after a timeout looped back to it: only the time differs.
      ['menu', 9],
      ['dial', 12],
    ];
    for (const [node, seconds] of moves) {
      const count = sent().length;
      await api.db.prisma.call.update({
        where: { id: 'moving' },
        data: { currentNodeId: node, currentNodeSince: since(seconds) },
      });
      await until(() => sent().length === count + 1, `the call in ${node}`);
    }
    await api.db.prisma.call.update({
      where: { id: 'moving' },
      data: { endedAt: new Date(), outcome: 'completed', currentNodeId: null, currentNodeSince: null },
    });
    await until(() => sent().some((call) => call.live === false), 'the end of the call');
    await afterTwoMarkers(api.db, [client]);
    expect(sent().map((call) => [call.currentNodeId, call.currentNodeSince, call.live])).toEqual([
      [null, null, true],
      ['menu', '2026-03-01T10:00:01.000Z', true],
      ['menu', '2026-03-01T10:00:09.000Z', true],
      ['dial', '2026-03-01T10:00:12.000Z', true],
      [null, null, false],
    ]);
  });

  it('sends the node a live call is in when connecting', async () => {
    await api.db.prisma.call.create({
      data: newCall('waiting', {
        currentNodeId: 'queue',
        currentNodeSince: new Date('2026-03-01T10:00:05Z'),
      }),
    });
    const client = await connect();
    await until(() => client.of('call').some((call) => call.id === 'waiting'), 'the live call');
    expect(client.of('call').find((call) => call.id === 'waiting')).toMatchObject({
      live: true,
      currentNodeId: 'queue',
      currentNodeSince: '2026-03-01T10:00:05.000Z',
    });
    await api.db.prisma.call.update({
      where: { id: 'waiting' },
      data: { endedAt: new Date(), outcome: 'completed', currentNodeId: null, currentNodeSince: null },
    });
  });

  it('sends a call before its steps when both are written together', async () => {
    const client = await connect();
    await api.db.prisma.$transaction([
      api.db.prisma.call.create({ data: newCall('together') }),
      api.db.prisma.callStep.createMany({ data: [newStep('together', 1), newStep('together', 2)] }),
    ]);
    await until(() => client.of('step').filter((step) => step.callId === 'together').length === 2, 'steps');
    const order = client.events
      .filter((item) => item.data.id === 'together' || item.data.callId === 'together')
      .map((item) => item.event);
    expect(order).toEqual(['call', 'step', 'step']);
  });

  it('filters by extension and flow', async () => {
    const byExtension = await connect('?extension=200');
    const byFlow = await connect('?flowId=flow-b');
    await api.db.prisma.call.create({ data: newCall('ext-100') });
    await api.db.prisma.call.create({ data: newCall('ext-200', { extension: '200', flowId: 'flow-b' }) });
    await api.db.prisma.callStep.createMany({
      data: [newStep('ext-100', 1), newStep('ext-200', 1), newStep('ext-200', 2)],
    });
    for (const client of [byExtension, byFlow])
      await until(() => client.of('step').length >= 2, 'the filtered steps');
    const seen = await afterTwoMarkers(api.db, [byExtension, byFlow], { extension: '200', flowId: 'flow-b' });
    for (const events of seen) {
      expect(events.filter((item) => item.event === 'call').map((item) => item.data.id)).toEqual(['ext-200']);
      expect(
        events.filter((item) => item.event === 'step').map((item) => [item.data.callId, item.data.seq]),
      ).toEqual([
        ['ext-200', 1],
        ['ext-200', 2],
      ]);
    }
  });

  it('refuses an empty filter with 400', async () => {
    const response = await fetch(`${api.url}/api/calls/stream?extension=`, { headers: { cookie } });
    expect(response.status).toBe(400);
  });

  it('stops polling and clears its timers when the client disconnects', async () => {
    expect(callStreamActivity()).toMatchObject({ open: 0, timers: 0 });
    // The stream's timers on a fake clock that moves only when told: a poll can neither be missed
    // nor run unnoticed. Database and HTTP work stay real (waited for on the real clock).
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    try {
      const client = await connect();
      // Open: its next poll and its heartbeat pending.
      await until(() => callStreamActivity().open === 1 && callStreamActivity().timers === 2, 'the stream');
      const pollsBefore = callStreamActivity().polls;
      for (let poll = 1; poll <= 2; poll++) {
        await vi.advanceTimersByTimeAsync(500);
        expect(callStreamActivity().polls).toBe(pollsBefore + poll);
        // The poll has read the database and scheduled the next one: none is under way.
        await until(() => callStreamActivity().timers === 2, 'the poll to end');
      }

      client.close();
      await until(() => callStreamActivity().open === 0, 'the stream to notice the disconnect');
      expect(callStreamActivity().timers).toBe(0);
      const pollsAfterClose = callStreamActivity().polls;
      // Twenty polling intervals and more than a heartbeat later: not one poll.
      await vi.advanceTimersByTimeAsync(20 * 500 + 15_000);
      expect(callStreamActivity()).toMatchObject({ open: 0, timers: 0, polls: pollsAfterClose });
    } finally {
      vi.useRealTimers();
    }
  });

  it('closes its streams when the server shuts down', async () => {
    const { api: other, cookie: otherCookie } = await startWithViewer(engine);
    const client = await SseClient.open(`${other.url}/api/calls/stream`, otherCookie);
    await until(() => callStreamActivity().open === 1, 'the stream to open');
    await other.stop();
    await until(() => callStreamActivity().open === 0, 'the stream to close');
    await until(() => client.ended, 'the client to see the end');
  }, 60_000);

  /** The stream route alone with short timings, on `db`, behind a login that always answers viewer. */
  async function withFastStream(
    db: Database,
    logs: string[],
    run: (url: string) => Promise<void>,
  ): Promise<void> {
    const app = createApp({
      services: {
        db,
        log: (level, message) => logs.push(`${level} ${message}`),
        audit: async () => undefined,
        ari: AriServers.none(),
        passwords: new PasswordHashing(),
        liveStreams: new LiveStreams(),
        prompts: testPromptMedia(),
      },
      authenticate: async () => ({
        id: 'u1',
        username: 'viewer',
        role: 'viewer',
        mustChangePassword: false,
        session: { id: 's1', expiresAt: new Date(Date.now() + 3600_000) },
      }),
      routes: [callStreamRoute({ pollMs: 50, heartbeatMs: 100, lookbackMs: 30_000, gapGraceMs: 30_000 })],
    });
    const server: Server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      await run(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/calls/stream`);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  }

  it('sends a heartbeat comment and keeps working with short timings', async () => {
    await withFastStream(api.db, [], async (url) => {
      const client = await SseClient.open(url, null);
      clients.push(client);
      await until(
        () => client.comments.filter((text) => text === 'heartbeat').length >= 2,
        'heartbeats',
        3000,
      );
      await api.db.prisma.call.create({ data: newCall('fast') });
      await until(() => client.of('call').some((call) => call.id === 'fast'), 'the call', 1000);
    });
  });

  it('loses nothing while the database fails, and logs the outage once', async () => {
    let failing = false;
    const { prisma } = api.db;
    const flakyCalls = new Proxy(prisma.call, {
      get: (target, key) =>
        key === 'findMany' && failing
          ? () => Promise.reject(new Error('database down'))
          : Reflect.get(target, key),
    });
    const flaky = new Proxy(prisma, {
      get: (target, key) => (key === 'call' ? flakyCalls : Reflect.get(target, key)),
    });
    const logs: string[] = [];
    await withFastStream({ ...api.db, prisma: flaky }, logs, async (url) => {
      const client = await SseClient.open(url, null);
      clients.push(client);
      failing = true;
      await prisma.call.create({ data: newCall('outage') });
      await prisma.callStep.createMany({ data: [newStep('outage', 1), newStep('outage', 2)] });
      // Polls (every 50 ms here) fail, and the stream says so once; nothing was sent meanwhile.
      await until(() => logs.length === 1, 'the outage to be logged');
      const pollsFailing = callStreamActivity().polls;
      await until(() => callStreamActivity().polls >= pollsFailing + 3, 'three more failed polls');
      expect(
        client.events.filter((item) => item.data.id === 'outage' || item.data.callId === 'outage'),
      ).toEqual([]);
      failing = false;
      await until(
        () => client.of('step').filter((step) => step.callId === 'outage').length === 2,
        'the steps',
      );
      expect(
        client.events
          .filter((item) => item.data.id === 'outage' || item.data.callId === 'outage')
          .map((item) => item.event),
      ).toEqual(['call', 'step', 'step']);
    });
    expect(logs).toEqual([
      'warn call stream cannot read the database; retrying',
      'info call stream reads the database again',
    ]);
  });

  it('delivers a step whose id is below one already sent (a later commit of an earlier id)', async () => {
    const client = await connect();
    await api.db.prisma.call.create({ data: newCall('late') });
    const { id: lastId } = await api.db.prisma.callStep.create({ data: newStep('late', 1) });
    await api.db.prisma.callStep.create({ data: { ...newStep('late', 3), id: lastId + 50 } });
    await until(() => client.of('step').some((step) => step.seq === 3), 'the step with the higher id');
    await api.db.prisma.callStep.create({ data: { ...newStep('late', 2), id: lastId + 20 } });
    await until(() => client.of('step').some((step) => step.seq === 2), 'the step with the lower id');
    expect(client.of('step').map((step) => step.seq)).toEqual([1, 3, 2]);
  });
});
