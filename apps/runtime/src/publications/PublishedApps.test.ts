import { AriClient } from '@callflow/ari';
import type { FakeAriServer } from '@callflow/ari/testing';
import { channelJson } from '@callflow/ari/testing';
import type { Database, DirectSql } from '@callflow/db';
import { validateFlow } from '@callflow/flow';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CallLogWriter } from '../callLog/CallLogWriter.ts';
import { publishFlow, unpublishExtension } from '../catalog/index.ts';
import { defaultCallLimits } from '../engine/CallLimits.ts';
import { EventRouter } from '../engine/EventRouter.ts';
import { NamedBridges } from '../engine/NamedBridges.ts';
import { Logger } from '../log/Logger.ts';
import { RuntimeMetrics } from '../metrics/RuntimeMetrics.ts';
import { openDatabaseAndFakeAri } from '../testing/openDatabaseAndFakeAri.ts';
import { publishWaitingMenu } from '../testing/publishWaitingMenu.ts';
import { simulateCalls } from '../testing/simulateCalls.ts';
import { PublishedApps, type PublishedAppsOptions } from './PublishedApps.ts';

const logger = new Logger('error', {}, () => {});
let db: Database;
let server: FakeAriServer;

let close: () => Promise<void>;

beforeAll(async () => {
  ({ db, server, close } = await openDatabaseAndFakeAri('apps'));
}, 60_000);

afterAll(() => close());

describe('PublishedApps', () => {
  it('does not serve a published version that fails validation, and records why in the runtime log', async () => {
    const flow = await db.prisma.flow.create({ data: { name: 'broken', document: '{}' } });
    const version = await db.prisma.flowVersion.create({
      data: {
        flowId: flow.id,
        number: 1,
        schemaVersion: 1,
        document: JSON.stringify({ schemaVersion: 1, nodes: [], edges: [] }),
      },
    });
    await db.prisma.publication.create({
      data: { extension: '6001', flowId: flow.id, flowVersionId: version.id },
    });

    const ari = new AriClient({ url: server.url, username: server.username, password: server.password });
    const callLog = new CallLogWriter(db.sql, logger, { flushMs: 10, maxBufferedSteps: 100 });
    const apps = new PublishedApps({
      db,
      ari,
      appPrefix: 'callflow-',
      pollMs: 1000,
      router: new EventRouter(),
      callLog,
      logger,
      session: {
        bridges: new NamedBridges(ari, logger),
        asteriskServer: 'test',
        metrics: new RuntimeMetrics().forServer('test'),
        liveChannels: new Set(),
        stepLimit: 100,
        now: () => new Date(),
        nodeClock: () => new Date(),
        fetch,
      },
    });
    await apps.poll();
    await callLog.flush();
    expect(apps.extensions).toEqual([]);
    expect(server.openSockets()).toHaveLength(0);
    const events = await db.prisma.runtimeEvent.findMany({ where: { type: 'version_invalid' } });
    expect(events).toHaveLength(1);
    expect(events[0]?.message).toMatch(
      /version 1 of flow .* is invalid and is not served: the flow needs a Start node/,
    );
    await apps.stop(0);
  });

  it('logs calls lost with the reason when Asterisk goes, and re-registers every app as soon as it answers again, however long their backoff has grown', async () => {
    // Callers wait in a menu: in progress when Asterisk goes away.
    const flow = validateFlow({
      schemaVersion: 1,
      nodes: [
        { id: 'start', kind: 'start', options: {} },
        { id: 'answer', kind: 'answer', options: {} },
        {
          id: 'menu',
          kind: 'menu',
          options: {
            prompts: [{ type: 'sound', name: 'hello-world' }],
            choices: [{ digit: '1' }],
            timeoutSeconds: 60,
          },
        },
        { id: 'bye', kind: 'hangup', options: {} },
      ],
      edges: [
        { id: 'e1', source: 'start', port: 'next', target: 'answer' },
        { id: 'e2', source: 'answer', port: 'next', target: 'menu' },
        { id: 'e3', source: 'menu', port: '1', target: 'bye' },
        { id: 'e4', source: 'menu', port: 'timeout', target: 'bye' },
        { id: 'e5', source: 'menu', port: 'invalid', target: 'bye' },
      ],
    });
    if (flow.document === null) throw new Error('invalid test flow');
    for (const extension of ['6101', '6102', '6103'])
      await publishFlow(db, {
        name: `probe ${extension}`,
        document: flow.document,
        extension,
        note: '',
        author: null,
        replace: true,
      });

    const lines: string[] = [];
    const appsLogger = new Logger('info', {}, (line) => lines.push(line));
    const ari = new AriClient({ url: server.url, username: server.username, password: server.password });
    const callLog = new CallLogWriter(db.sql, appsLogger, { flushMs: 10 });
    const apps = new PublishedApps({
      db,
      ari,
      appPrefix: 'callflow-',
      pollMs: 1000,
      router: new EventRouter(),
      callLog,
      logger: appsLogger,
      // A backoff as long as a test run: only the probe can bring the apps back in time.
      connection: { backoff: { initialMs: 60_000, maxMs: 60_000, jitter: 0 }, keepaliveMs: 0 },
      reconnectProbeMs: 50,
      session: {
        bridges: new NamedBridges(ari, appsLogger),
        asteriskServer: 'test',
        metrics: new RuntimeMetrics().forServer('test'),
        liveChannels: new Set(),
        stepLimit: 100,
        now: () => new Date(),
        nodeClock: () => new Date(),
        fetch,
      },
    });
    const names = ['callflow-6101', 'callflow-6102', 'callflow-6103'];
    const registered = () => new Set(server.openSockets().map((socket) => socket.app));
    const calls = simulateCalls(server);
    try {
      await apps.poll();
      await vi.waitFor(() => expect([...registered()].sort()).toEqual(names));
      calls.startCall('callflow-6102', 'probe-call-1');
      await vi.waitFor(async () => {
        await callLog.flush();
        const live = await db.prisma.call.findFirst({ where: { channelId: 'probe-call-1' } });
        expect(live?.currentNodeId).toBe('menu');
      });

      const port = server.port;
      await server.stop();
      await vi.waitFor(() =>
        expect(apps.extensions.map((app) => app.state)).toEqual([
          'disconnected',
          'disconnected',
          'disconnected',
        ]),
      );
      await vi.waitFor(async () => {
        await callLog.flush();
        const lost = await db.prisma.call.findFirst({ where: { channelId: 'probe-call-1' } });
        expect(lost).toMatchObject({ outcome: 'lost', currentNodeId: null });
        expect(lost?.error).toMatch(
          /^the connection to Asterisk was lost during the call \(the ARI WebSocket for app 'callflow-6102' closed \(code 1006\)\)$/,
        );
      });

      await server.start(port);
      await vi.waitFor(() => expect([...registered()].sort()).toEqual(names), { timeout: 3000 });
      // The server sees a socket before the client has its 'open' event.
      await vi.waitFor(() =>
        expect(apps.extensions.map((app) => app.state)).toEqual(['connected', 'connected', 'connected']),
      );
      expect(server.requestsTo('GET', '/ari/asterisk/ping').length).toBeGreaterThanOrEqual(1);
      expect(lines.filter((line) => line.includes('Asterisk answers again'))).toEqual([
        expect.stringContaining('apps=3'),
      ]);
    } finally {
      await apps.stop(0);
      await callLog.close();
    }
  });
});

const publishMenu = (extension: string) => publishWaitingMenu(db, extension);

/** PublishedApps on the fake Asterisk, logging to `lines`, with the given limits. */
function appsWith(lines: string[], extra: Partial<PublishedAppsOptions> = {}) {
  const appsLogger = new Logger('info', {}, (line) => lines.push(line));
  const ari = new AriClient({ url: server.url, username: server.username, password: server.password });
  const callLog = new CallLogWriter(db.sql, appsLogger, { flushMs: 10 });
  const metrics = new RuntimeMetrics();
  const apps = new PublishedApps({
    db,
    ari,
    appPrefix: 'callflow-',
    pollMs: 1000,
    router: new EventRouter(),
    callLog,
    logger: appsLogger,
    connection: { keepaliveMs: 0 },
    session: {
      bridges: new NamedBridges(ari, appsLogger),
      asteriskServer: 'test',
      metrics: metrics.forServer('test'),
      liveChannels: new Set(),
      stepLimit: 100,
      now: () => new Date(),
      nodeClock: () => new Date(),
      fetch,
    },
    ...extra,
  });
  return { apps, callLog, metrics };
}

async function callRow(callLog: CallLogWriter, channelId: string) {
  await callLog.flush();
  return db.prisma.call.findFirst({ where: { channelId } });
}

describe('PublishedApps: who gets a call session', () => {
  it('takes a StasisStart whose argument claims an outbound leg, for a channel the runtime did not create, for a new call with its call log row', async () => {
    await publishMenu('6201');
    const lines: string[] = [];
    const { apps, callLog } = appsWith(lines);
    const calls = simulateCalls(server);
    try {
      await apps.poll();
      await vi.waitFor(() => expect(server.openSockets('callflow-6201')).toHaveLength(1));
      // A caller dialling "6201,callflow-outbound-leg" reaches Stasis(callflow-6201,callflow-outbound-leg).
      calls.startCall('callflow-6201', 'forged-leg-1');
      server.sendEvent('callflow-6201', {
        type: 'StasisStart',
        args: ['callflow-outbound-leg'],
        channel: channelJson('forged-leg-2'),
      });
      await vi.waitFor(async () => {
        expect((await callRow(callLog, 'forged-leg-2'))?.currentNodeId).toBe('menu');
      });
      expect(apps.extensions.find((app) => app.extension === '6201')?.activeCalls).toBe(2);
    } finally {
      await apps.stop(0);
      await callLog.close();
    }
  });

  it('hangs up, and runs no flow on, a channel with an outbound leg id that no dial is waiting for', async () => {
    await publishMenu('6202');
    const lines: string[] = [];
    const { apps, callLog } = appsWith(lines);
    simulateCalls(server);
    try {
      await apps.poll();
      await vi.waitFor(() => expect(server.openSockets('callflow-6202')).toHaveLength(1));
      const late = 'callflow-leg-00000000-0000-4000-8000-000000000001';
      server.sendEvent('callflow-6202', { type: 'StasisStart', args: [], channel: channelJson(late) });
      await vi.waitFor(() => expect(server.requestsTo('DELETE', `/ari/channels/${late}`)).toHaveLength(1));
      expect(await callRow(callLog, late)).toBeNull();
      expect(lines.some((line) => line.includes('outbound leg that arrived after its dial step ended'))).toBe(
        true,
      );
    } finally {
      await apps.stop(0);
      await callLog.close();
    }
  });
});

describe('PublishedApps: calls in progress limits', () => {
  it('refuses a call beyond the limit per extension (busy) and beyond the total (congestion) before answering, with a log line, a metric and a call log row', async () => {
    for (const extension of ['6301', '6302', '6303']) await publishMenu(extension);
    const lines: string[] = [];
    const { apps, callLog, metrics } = appsWith(lines, {
      limits: { ...defaultCallLimits, maxCalls: 2, maxCallsPerExtension: 1 },
    });
    const calls = simulateCalls(server);
    const inMenu = (channelId: string) =>
      vi.waitFor(async () => expect((await callRow(callLog, channelId))?.currentNodeId).toBe('menu'));
    const hangupRequests = (channelId: string) =>
      server.requestsTo('DELETE', `/ari/channels/${channelId}`).map((request) => request.rawQuery);
    try {
      await apps.poll();
      await vi.waitFor(() => expect(server.openSockets('callflow-6303')).toHaveLength(1));
      calls.startCall('callflow-6301', 'limit-a');
      await inMenu('limit-a');

      calls.startCall('callflow-6301', 'limit-b');
      await vi.waitFor(() => expect(hangupRequests('limit-b')).toEqual(['reason=busy']));
      calls.startCall('callflow-6302', 'limit-c');
      await inMenu('limit-c');
      calls.startCall('callflow-6303', 'limit-d');
      await vi.waitFor(() => expect(hangupRequests('limit-d')).toEqual(['reason=congestion']));

      for (const refused of ['limit-b', 'limit-d']) {
        expect(server.requestsTo('POST', `/ari/channels/${refused}/answer`)).toEqual([]);
        await vi.waitFor(async () => expect((await callRow(callLog, refused))?.outcome).toBe('rejected'));
      }
      expect(await callRow(callLog, 'limit-b')).toMatchObject({
        extension: '6301',
        stepCount: 0,
        hangupCause: '17 User busy',
        error:
          'refused before answering: extension 6301 already has 1 call in progress, the most CALLFLOW_MAX_CALLS_PER_EXTENSION allows',
      });
      expect(await callRow(callLog, 'limit-d')).toMatchObject({
        hangupCause: '34 Circuit/channel congestion',
        error:
          'refused before answering: 2 calls in progress, the most CALLFLOW_MAX_CALLS allows over every Asterisk server',
      });
      expect(metrics.callsRejected.labels('test', 'calls_per_extension').value).toBe(1);
      expect(metrics.callsRejected.labels('test', 'calls_in_progress').value).toBe(1);
      expect(lines.filter((line) => line.includes('refused a call'))).toEqual([
        expect.stringMatching(/WARN .*refused a call .*reason=calls_per_extension .*channel=limit-b/),
        expect.stringMatching(/WARN .*refused a call .*reason=calls_in_progress .*channel=limit-d/),
      ]);

      // A call that ends gives its place back.
      server.sendEvent('callflow-6301', { type: 'StasisEnd', channel: channelJson('limit-a') });
      await vi.waitFor(async () =>
        expect((await callRow(callLog, 'limit-a'))?.outcome).toBe('caller_hangup'),
      );
      calls.startCall('callflow-6301', 'limit-e');
      await inMenu('limit-e');
    } finally {
      await apps.stop(0);
      await callLog.close();
    }
  });
});

describe('PublishedApps: the publication check when the database fails while loading a version', () => {
  it('keeps following the other publications, logs one line, and loads the version once the database answers', async () => {
    await publishMenu('6311');
    await publishMenu('6312');
    let versionsFail = true;
    // Publications read fine; only loading a version fails (a database going away between queries).
    const sql: DirectSql = {
      transaction: (statements) => db.sql.transaction(statements),
      execute: (statement) => db.sql.execute(statement),
      close: () => db.sql.close(),
      query: (statement) =>
        versionsFail && statement.sql.includes('"FlowVersion"')
          ? Promise.reject(new Error('connection terminated unexpectedly'))
          : db.sql.query(statement),
    };
    const lines: string[] = [];
    const { apps, callLog } = appsWith(lines, { db: { engine: db.engine, sql, close: () => db.close() } });
    try {
      await apps.poll();
      await apps.poll();
      const served = () =>
        apps.extensions.filter((app) => app.versionId !== null).map((app) => app.extension);
      expect(served().filter((extension) => extension.startsWith('631'))).toEqual([]);
      expect(apps.databaseDown).toBe(true);
      // One line for the outage, not one per check.
      expect(lines.filter((line) => line.includes('cannot read')).length).toBe(1);

      versionsFail = false;
      await apps.poll();
      expect(apps.databaseDown).toBe(false);
      expect(served()).toEqual(expect.arrayContaining(['6311', '6312']));

      // A new version that cannot be loaded does not hold up an unpublish elsewhere, and its extension
      // keeps the version it has until the new one can be read.
      const versionOf = (extension: string) =>
        apps.extensions.find((app) => app.extension === extension)?.versionId ?? null;
      const before = versionOf('6312');
      await publishMenu('6312');
      await unpublishExtension(db, '6311');
      versionsFail = true;
      await apps.poll();
      expect(served()).not.toContain('6311');
      expect(versionOf('6312')).toBe(before);
      versionsFail = false;
      await apps.poll();
      expect(versionOf('6312')).not.toBe(before);
      expect(versionOf('6312')).not.toBeNull();
    } finally {
      await apps.stop(0);
      await callLog.close();
    }
  });
});
