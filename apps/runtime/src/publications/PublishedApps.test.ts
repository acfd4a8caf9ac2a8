import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Database, migrateDatabase, openDatabase } from '@callflow/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AriClient } from '../ari/index.ts';
import { FakeAriServer } from '../ari/testing/FakeAriServer.ts';
import { CallLogWriter } from '../callLog/CallLogWriter.ts';
import { EventRouter } from '../engine/EventRouter.ts';
import { NamedBridges } from '../engine/NamedBridges.ts';
import { Logger } from '../log/Logger.ts';
import { RuntimeMetrics } from '../metrics/RuntimeMetrics.ts';
import { PublishedApps } from './PublishedApps.ts';

const logger = new Logger('error', {}, () => {});
let db: Database;
let server: FakeAriServer;

beforeAll(async () => {
  const url = `file:${join(mkdtempSync(join(tmpdir(), 'apps-')), 'test.db')}`;
  await migrateDatabase(url);
  db = await openDatabase(url);
  server = new FakeAriServer();
  await server.start();
}, 60_000);

afterAll(async () => {
  await db.close();
  await server.stop();
});

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
    const callLog = new CallLogWriter(db, logger, { flushMs: 10, maxBufferedSteps: 100 });
    const apps = new PublishedApps({
      db,
      ari,
      ariCredentials: { url: server.url, username: server.username, password: server.password },
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
});
