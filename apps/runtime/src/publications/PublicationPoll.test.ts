import type { FakeAriServer } from '@callflow/ari/testing';
import { unpublishExtension } from '@callflow/catalog/testing';
import type { Database, DirectSql } from '@callflow/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabaseAndFakeAri } from '../testing/openDatabaseAndFakeAri.ts';
import { publishWaitingMenu } from '../testing/publishWaitingMenu.ts';
import { publishedAppsOnFakeAri } from './testing/publishedAppsOnFakeAri.ts';

let db: Database;
let server: FakeAriServer;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ db, server, close } = await openDatabaseAndFakeAri('publication-poll'));
}, 60_000);

afterAll(() => close());

describe('PublicationPoll', () => {
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

    const { apps, callLog } = publishedAppsOnFakeAri(db, server, {
      logLevel: 'error',
      callLogOptions: { flushMs: 10, maxBufferedSteps: 100 },
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

describe('PublicationPoll when the database fails while loading a version', () => {
  it('keeps following the other publications, logs one line, and loads the version once the database answers', async () => {
    await publishWaitingMenu(db, '6311');
    await publishWaitingMenu(db, '6312');
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
    const { apps, close } = publishedAppsOnFakeAri(db, server, {
      lines,
      db: { engine: db.engine, sql, close: () => db.close() },
    });
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
      await publishWaitingMenu(db, '6312');
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
      await close();
    }
  });
});
