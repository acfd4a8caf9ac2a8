import { unpublishExtension } from '@callflow/catalog/testing';
import type { DirectSql } from '@callflow/db';
import { describe, expect, it } from 'vitest';
import { publishWaitingMenu } from '../testing/publishWaitingMenu.ts';
import { useDatabaseAndFakeAri } from '../testing/useDatabaseAndFakeAri.ts';
import { publishedAppsOnFakeAri } from './testing/publishedAppsOnFakeAri.ts';

const fixture = useDatabaseAndFakeAri('publication-poll');

describe('PublicationPoll', () => {
  it('does not serve a published version that fails validation, and records why in the runtime log', async () => {
    const flow = await fixture.db.prisma.flow.create({ data: { name: 'broken', document: '{}' } });
    const version = await fixture.db.prisma.flowVersion.create({
      data: {
        flowId: flow.id,
        number: 1,
        schemaVersion: 1,
        document: JSON.stringify({ schemaVersion: 1, nodes: [], edges: [] }),
      },
    });
    await fixture.db.prisma.publication.create({
      data: { extension: '6001', flowId: flow.id, flowVersionId: version.id },
    });

    const { apps, callLog } = publishedAppsOnFakeAri(fixture.db, fixture.server, {
      logLevel: 'error',
      callLogOptions: { flushMs: 10, maxBufferedSteps: 100 },
    });
    await apps.poll();
    await callLog.flush();
    expect(apps.extensions).toEqual([]);
    expect(fixture.server.openSockets()).toHaveLength(0);
    const events = await fixture.db.prisma.runtimeEvent.findMany({ where: { type: 'version_invalid' } });
    expect(events).toHaveLength(1);
    expect(events[0]?.message).toMatch(
      /version 1 of flow .* is invalid and is not served: The flow has no Start node/,
    );
    await apps.stop(0);
  });
});

describe('PublicationPoll when the database fails while loading a version', () => {
  it('keeps following the other publications, logs one line, and loads the version once the database answers', async () => {
    await publishWaitingMenu(fixture.db, '6311');
    await publishWaitingMenu(fixture.db, '6312');
    let versionsFail = true;
    // Publications read fine; only loading a version fails (a database going away between queries).
    const sql: DirectSql = {
      transaction: (statements) => fixture.db.sql.transaction(statements),
      execute: (statement) => fixture.db.sql.execute(statement),
      close: () => fixture.db.sql.close(),
      query: (statement) =>
        versionsFail && statement.sql.includes('"FlowVersion"')
          ? Promise.reject(new Error('connection terminated unexpectedly'))
          : fixture.db.sql.query(statement),
    };
    const lines: string[] = [];
    const { apps, close } = publishedAppsOnFakeAri(fixture.db, fixture.server, {
      lines,
      db: { engine: fixture.db.engine, sql, close: () => fixture.db.close() },
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
      await publishWaitingMenu(fixture.db, '6312');
      await unpublishExtension(fixture.db, '6311');
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
