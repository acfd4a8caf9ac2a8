import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AriClient } from '@callflow/ari';
import { FakeAriServer } from '@callflow/ari/testing';
import { publishFlow, unpublishExtension } from '@callflow/catalog/testing';
import { type Database, migrateDatabase, openDatabase } from '@callflow/db';
import { type FlowDocument, validateFlow } from '@callflow/flow';
import { testFlow } from '@callflow/flow/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CallLogWriter } from '../callLog/CallLogWriter.ts';
import { EventRouter } from '../engine/EventRouter.ts';
import { NamedBridges } from '../engine/NamedBridges.ts';
import { Logger } from '../log/Logger.ts';
import { RuntimeMetrics } from '../metrics/RuntimeMetrics.ts';
import { PublishedApps } from '../publications/PublishedApps.ts';
import { waitUntil } from '../testing/waitUntil.ts';
import { writesFailingOnDemand } from '../testing/writesFailingOnDemand.ts';
import {
  type AppStatus,
  RuntimeStatusReporter,
  type RuntimeStatusReporterOptions,
} from './RuntimeStatusReporter.ts';

let db: Database;
let server: FakeAriServer;
let ari: AriClient;
const lines: string[] = [];
const logger = new Logger('debug', {}, (line) => lines.push(line));
const reporters: RuntimeStatusReporter[] = [];

beforeAll(async () => {
  const url = `file:${join(mkdtempSync(join(tmpdir(), 'runtime-status-')), 'test.db')}`;
  await migrateDatabase(url);
  db = await openDatabase(url);
}, 60_000);

afterAll(async () => {
  await db.close();
});

beforeEach(async () => {
  lines.length = 0;
  server = new FakeAriServer();
  server.route('GET', /^\/ari\/applications\/[^/]+$/, (request) => ({
    json: {
      name: decodeURIComponent(request.rawPath.split('/').at(-1) ?? ''),
      channel_ids: [],
      bridge_ids: [],
    },
  }));
  await server.start();
  ari = new AriClient({ url: server.url, username: server.username, password: server.password });
});

afterEach(async () => {
  await Promise.all(reporters.splice(0).map((reporter) => reporter.stop()));
  await server.stop();
});

let serverNumber = 0;
function reporter(
  apps: () => readonly AppStatus[],
  options: Partial<RuntimeStatusReporterOptions> = {},
): { reporter: RuntimeStatusReporter; asteriskServer: string } {
  serverNumber += 1;
  const asteriskServer = `asterisk-${serverNumber}:8088`;
  const instance = new RuntimeStatusReporter({
    db,
    ari,
    asteriskServer,
    startedAt: new Date('2026-01-05T10:00:00.000Z'),
    apps,
    logger,
    intervalMs: 60_000,
    ...options,
  });
  reporters.push(instance);
  return { reporter: instance, asteriskServer };
}

async function row(asteriskServer: string) {
  const found = await db.prisma.runtimeStatus.findUnique({ where: { asteriskServer } });
  return found === null
    ? null
    : { ...found, apps: JSON.parse(found.apps), serving: JSON.parse(found.serving) };
}

/** The status row of `asteriskServer` once `accept` takes it. */
const rowOnce = (asteriskServer: string, accept: (value: Awaited<ReturnType<typeof row>>) => boolean) =>
  waitUntil(`the status row of ${asteriskServer}`, () => row(asteriskServer), accept);

/** The same connection, counting the transactions (row writes) asked of it, whether they succeed or not. */
function countingWrites(sql: Database['sql']): { sql: Database['sql']; writes: () => number } {
  let writes = 0;
  return {
    sql: {
      ...sql,
      transaction: (statements) => {
        writes += 1;
        return sql.transaction(statements);
      },
    },
    writes: () => writes,
  };
}

const app = (
  extension: string,
  state = 'connected',
  versionId: string | null = `v-${extension}`,
): AppStatus => ({
  extension,
  appName: `callflow-${extension}`,
  versionId,
  state,
});

function document(prompt: string): FlowDocument {
  const result = validateFlow(
    testFlow(
      [
        { id: 'start', kind: 'start' },
        {
          id: 'play',
          kind: 'play',
          position: { x: 0, y: 100 },
          options: { prompts: [{ type: 'sound', name: prompt }] },
        },
      ],
      ['start -> play'],
    ),
  );
  if (result.document === null) throw new Error(result.problems.map((problem) => problem.message).join('; '));
  return result.document;
}

describe('RuntimeStatusReporter', () => {
  it('reports what a PublishedApps serves, rewritten on each change rather than on the heartbeat', async () => {
    const first = await publishFlow(db, {
      name: 'status-flow',
      document: document('hello-world'),
      extension: '6101',
      note: '',
      author: null,
      replace: true,
    });
    const callLog = new CallLogWriter(db.sql, logger, { flushMs: 10, maxBufferedSteps: 100 });
    const apps = new PublishedApps({
      db,
      ari,
      appPrefix: 'callflow-',
      pollMs: 30,
      router: new EventRouter(),
      callLog,
      logger,
      session: {
        bridges: new NamedBridges(ari, logger),
        asteriskServer: 'status-test',
        metrics: new RuntimeMetrics().forServer('status-test'),
        liveChannels: new Set(),
        stepLimit: 100,
        now: () => new Date(),
        nodeClock: () => new Date(),
        fetch,
      },
    });
    // The heartbeat is 60 s: every row below can only come from a change notification.
    const { reporter: status, asteriskServer } = reporter(() => apps.extensions);
    apps.onChange(() => status.update());
    status.start();
    await apps.start();

    const registered = await rowOnce(asteriskServer, (value) => value?.apps.length === 1);
    expect(registered).toMatchObject({
      connected: true,
      asteriskVersion: '22.10.1',
      apps: ['callflow-6101'],
      serving: { '6101': first.versionId },
      startedAt: new Date('2026-01-05T10:00:00.000Z'),
    });

    const second = await publishFlow(db, {
      name: 'status-flow',
      document: document('goodbye'),
      extension: '6101',
      note: '',
      author: null,
      replace: true,
    });
    await rowOnce(asteriskServer, (value) => value?.serving['6101'] === second.versionId);

    // Asterisk drops the app's WebSocket: not connected until it registers again.
    server.dropSockets();
    const dropped = await rowOnce(asteriskServer, (value) => value?.connected === false);
    expect(dropped).toMatchObject({ apps: [], serving: { '6101': second.versionId } });
    await rowOnce(asteriskServer, (value) => value?.connected === true && value.apps.length === 1);

    await unpublishExtension(db, '6101');
    expect(await rowOnce(asteriskServer, (value) => value?.apps.length === 0)).toMatchObject({
      connected: true,
      serving: {},
    });

    await apps.stop(0);
    await callLog.close();
  });

  it('is not connected while ARI does not answer, and keeps the last Asterisk version seen', async () => {
    const { reporter: status, asteriskServer } = reporter(() => [app('6201')]);
    status.update();
    await status.settled();
    expect(await row(asteriskServer)).toMatchObject({ connected: true, asteriskVersion: '22.10.1' });

    server.route('GET', '/ari/asterisk/info', () => ({ status: 500, json: { message: 'down' } }));
    for (let beat = 0; beat < 3; beat += 1) {
      status.update();
      await status.settled();
    }
    expect(await row(asteriskServer)).toMatchObject({
      connected: false,
      asteriskVersion: '22.10.1',
      apps: ['callflow-6201'],
    });
    expect(lines.filter((line) => line.includes('no answer to GET /asterisk/info'))).toHaveLength(1);

    await server.stop();
    status.update();
    await status.settled();
    expect(await row(asteriskServer)).toMatchObject({ connected: false });
    await server.start();
  });

  it('is not connected while any app is not registered; apps lists only the registered ones', async () => {
    const { reporter: status, asteriskServer } = reporter(() => [
      app('6302', 'connected'),
      app('6301', 'connecting'),
      app('6303', 'connected', null),
    ]);
    status.update();
    await status.settled();
    const stored = await row(asteriskServer);
    expect(stored).toMatchObject({
      connected: false,
      apps: ['callflow-6302', 'callflow-6303'],
      serving: { '6301': 'v-6301', '6302': 'v-6302' },
    });
    expect(Object.keys(stored?.serving ?? {})).toEqual(['6301', '6302']);
  });

  it('is connected with no published extension when ARI answers', async () => {
    const { reporter: status, asteriskServer } = reporter(() => []);
    status.update();
    await status.settled();
    expect(await row(asteriskServer)).toMatchObject({ connected: true, apps: [], serving: {} });
  });

  it('rewrites the row on every heartbeat', async () => {
    const { reporter: status, asteriskServer } = reporter(() => [app('6401')], { intervalMs: 40 });
    status.start();
    const first = await rowOnce(asteriskServer, (value) => value !== null);
    const later = await rowOnce(
      asteriskServer,
      (value) => (value?.updatedAt.getTime() ?? 0) >= (first?.updatedAt.getTime() ?? 0) + 80,
    );
    expect(later?.startedAt).toEqual(first?.startedAt);
  });

  it('keeps going through a database failure, logging it once', async () => {
    // Shaped like better-sqlite3's error when another process holds the lock past the busy timeout.
    const { sql, setDown } = writesFailingOnDemand(db.sql, () =>
      Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }),
    );
    setDown(true);
    const attempts = countingWrites(sql);
    const { reporter: status, asteriskServer } = reporter(() => [app('6501')], {
      db: { ...db, sql: attempts.sql },
      intervalMs: 20,
    });
    expect(() => status.start()).not.toThrow();
    // Four heartbeats refused: the failure is logged at the first, not again at the others.
    await waitUntil(
      'attempts writes',
      () => attempts.writes(),
      (writes) => writes >= 4,
    );
    await status.settled();
    expect(await row(asteriskServer)).toBeNull();
    expect(lines.filter((line) => line.includes('cannot write the runtime status'))).toHaveLength(1);
    expect(lines.find((line) => line.includes('cannot write'))).toContain('reason="database is locked"');

    setDown(false);
    expect(await rowOnce(asteriskServer, (value) => value !== null)).toMatchObject({
      connected: true,
      apps: ['callflow-6501'],
    });
    expect(lines.filter((line) => line.includes('database reachable again'))).toHaveLength(1);
  });

  it('writes a last row on stop: not connected, no apps, and no heartbeat after it', async () => {
    const stopped = countingWrites(db.sql);
    const { reporter: status, asteriskServer } = reporter(() => [app('6601')], {
      db: { ...db, sql: stopped.sql },
      intervalMs: 20,
    });
    status.start();
    await rowOnce(asteriskServer, (value) => value?.connected === true);
    await status.stop();
    const last = await row(asteriskServer);
    expect(last).toMatchObject({ connected: false, apps: [], serving: {}, asteriskVersion: '22.10.1' });
    const writesAtStop = stopped.writes();

    // Heartbeats fall on the same 20 ms grid for every reporter: once another one has beaten three
    // times since, the stopped one would have beaten too.
    const control = countingWrites(db.sql);
    reporter(() => [app('6602')], { db: { ...db, sql: control.sql }, intervalMs: 20 }).reporter.start();
    await waitUntil(
      'control writes',
      () => control.writes(),
      (writes) => writes >= 3,
    );
    expect(stopped.writes()).toBe(writesAtStop);
    expect((await row(asteriskServer))?.updatedAt).toEqual(last?.updatedAt);
  });
});
