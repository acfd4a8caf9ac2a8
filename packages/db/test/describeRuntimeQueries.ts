import { describe, expect, it } from 'vitest';
import type { Database } from '../src/openDatabase.ts';
import { type CallStarted, callLogStatements } from '../src/queries/callLogStatements.ts';
import { endLostCalls } from '../src/queries/endLostCalls.ts';
import { readFlowVersion } from '../src/queries/readFlowVersion.ts';
import { readPublications } from '../src/queries/readPublications.ts';
import { writeRuntimeStatus } from '../src/queries/writeRuntimeStatus.ts';

const flowDocument = JSON.stringify({ schemaVersion: 1, nodes: [], edges: [] });

/**
 * The runtime's queries (packages/db/src/queries), run on the engine of `database()`: each must read
 * and write what Prisma, i.e. the API, writes and reads on that engine. Part of describeDatabaseContract.
 */
export function describeRuntimeQueries(database: () => Database): void {
  describe("the runtime's queries", () => {
    const started = (id: string, asteriskServer = 'pbx-1'): CallStarted => ({
      id,
      channelId: `chan-${id}`,
      asteriskServer,
      appName: 'callflow-7001',
      extension: '7001',
      flowId: null,
      flowVersionId: null,
      callerNumber: '1001',
      callerName: 'Alice',
      startedAt: new Date('2026-04-01T09:00:00.250Z'),
    });

    async function flowWithVersions(name: string, count: number) {
      const { prisma } = database();
      const flow = await prisma.flow.create({ data: { name, document: flowDocument } });
      const versions = [];
      for (let number = 1; number <= count; number++)
        versions.push(
          await prisma.flowVersion.create({
            data: { flowId: flow.id, number, document: flowDocument, schemaVersion: 1 },
          }),
        );
      return { flow, versions };
    }

    it('writes a call, its steps, where it is and its end, as the API reads them back', async () => {
      const { sql, prisma } = database();
      const enteredAt = new Date('2026-04-01T09:00:01.000Z');
      const leftAt = new Date('2026-04-01T09:00:02.500Z');
      await sql.transaction([
        callLogStatements.callStarted({ ...started('log-1'), flowId: 'flow-x', flowVersionId: 'version-x' }),
        callLogStatements.stepRecorded({
          callId: 'log-1',
          seq: 1,
          nodeId: 'menu-1',
          kind: 'menu',
          enteredAt,
          leftAt,
          port: 'timeout',
          variables: { digits: '12' },
          error: null,
        }),
        callLogStatements.stepRecorded({
          callId: 'log-1',
          seq: 2,
          nodeId: 'hangup-1',
          kind: 'hangup',
          enteredAt: leftAt,
          leftAt,
          port: null,
          variables: {},
          error: 'boom',
        }),
        callLogStatements.nodeEntered({ callId: 'log-1', nodeId: 'hangup-1', at: leftAt }),
      ]);
      const live = await prisma.call.findUniqueOrThrow({
        where: { id: 'log-1' },
        include: { steps: { orderBy: { seq: 'asc' } } },
      });
      expect(live).toMatchObject({
        channelId: 'chan-log-1',
        asteriskServer: 'pbx-1',
        appName: 'callflow-7001',
        extension: '7001',
        flowId: 'flow-x',
        flowVersionId: 'version-x',
        callerNumber: '1001',
        callerName: 'Alice',
        startedAt: new Date('2026-04-01T09:00:00.250Z'),
        endedAt: null,
        outcome: null,
        currentNodeId: 'hangup-1',
        currentNodeSince: leftAt,
      });
      expect(
        live.steps.map(({ seq, nodeId, kind, enteredAt, leftAt, port, variables, error }) => ({
          seq,
          nodeId,
          kind,
          enteredAt,
          leftAt,
          port,
          variables,
          error,
        })),
      ).toEqual([
        {
          seq: 1,
          nodeId: 'menu-1',
          kind: 'menu',
          enteredAt,
          leftAt,
          port: 'timeout',
          variables: '{"digits":"12"}',
          error: null,
        },
        {
          seq: 2,
          nodeId: 'hangup-1',
          kind: 'hangup',
          enteredAt: leftAt,
          leftAt,
          port: null,
          variables: null,
          error: 'boom',
        },
      ]);

      const endedAt = new Date('2026-04-01T09:00:03.000Z');
      await sql.transaction([
        callLogStatements.callEnded({
          callId: 'log-1',
          endedAt,
          outcome: 'completed',
          hangupCause: 'Normal Clearing',
          stepCount: 2,
          error: null,
        }),
        // A position reaching the database after the end (a batch retried) must not show again.
        callLogStatements.nodeEntered({ callId: 'log-1', nodeId: 'menu-1', at: endedAt }),
      ]);
      expect(await prisma.call.findUniqueOrThrow({ where: { id: 'log-1' } })).toMatchObject({
        endedAt,
        outcome: 'completed',
        hangupCause: 'Normal Clearing',
        stepCount: 2,
        error: null,
        currentNodeId: null,
        currentNodeSince: null,
      });
    });

    it('drops NUL characters from what a caller can send (PostgreSQL refuses them in text)', async () => {
      const { sql, prisma } = database();
      await sql.transaction([
        callLogStatements.callStarted({ ...started('log-nul'), callerName: 'Al\u0000ice' }),
        callLogStatements.stepRecorded({
          callId: 'log-nul',
          seq: 1,
          nodeId: 'input-1',
          kind: 'input',
          enteredAt: new Date(),
          leftAt: new Date(),
          port: 'next',
          variables: { 'dig\u0000its': '1\u00002' },
          error: 'bad \u0000 digit',
        }),
      ]);
      const call = await prisma.call.findUniqueOrThrow({
        where: { id: 'log-nul' },
        include: { steps: true },
      });
      expect(call.callerName).toBe('Alice');
      expect(call.steps[0]).toMatchObject({ variables: '{"digits":"12"}', error: 'bad  digit' });
    });

    it('records a runtime event, with what it does not concern as null', async () => {
      const { sql, prisma } = database();
      const at = new Date('2026-04-01T09:30:00.000Z');
      await sql.transaction([
        callLogStatements.runtimeEvent({
          at,
          level: 'warn',
          type: 'app_disconnected',
          message: 'gone',
          appName: 'callflow-7001',
          extension: '7001',
          asteriskServer: 'pbx-1',
        }),
        callLogStatements.runtimeEvent({ at, level: 'info', type: 'runtime_started', message: 'started' }),
      ]);
      const events = await prisma.runtimeEvent.findMany({ where: { at }, orderBy: { id: 'asc' } });
      expect(
        events.map(({ level, type, message, extension, appName, asteriskServer }) => ({
          level,
          type,
          message,
          extension,
          appName,
          asteriskServer,
        })),
      ).toEqual([
        {
          level: 'warn',
          type: 'app_disconnected',
          message: 'gone',
          extension: '7001',
          appName: 'callflow-7001',
          asteriskServer: 'pbx-1',
        },
        {
          level: 'info',
          type: 'runtime_started',
          message: 'started',
          extension: null,
          appName: null,
          asteriskServer: null,
        },
      ]);
    });

    it('ends as lost the unfinished calls of one server only, clearing where they were', async () => {
      const { sql, prisma } = database();
      const ended = { outcome: 'completed' as const, hangupCause: null, stepCount: 0, error: null };
      await sql.transaction([
        callLogStatements.callStarted(started('lost-1', 'pbx-lost')),
        callLogStatements.callStarted(started('lost-2', 'pbx-lost')),
        callLogStatements.callStarted(started('lost-done', 'pbx-lost')),
        callLogStatements.callStarted(started('lost-other', 'pbx-other')),
        callLogStatements.nodeEntered({ callId: 'lost-1', nodeId: 'menu-1', at: new Date() }),
        callLogStatements.callEnded({
          ...ended,
          callId: 'lost-done',
          endedAt: new Date('2026-04-01T10:00:00Z'),
        }),
      ]);
      const at = new Date('2026-04-01T11:00:00.000Z');
      expect(await endLostCalls(sql, 'pbx-lost', at)).toBe(2);
      expect(await endLostCalls(sql, 'pbx-lost', new Date())).toBe(0);
      const calls = await prisma.call.findMany({
        where: { id: { startsWith: 'lost-' } },
        orderBy: { id: 'asc' },
      });
      expect(
        calls.map(({ id, endedAt, outcome, error, currentNodeId, currentNodeSince }) => ({
          id,
          endedAt,
          outcome,
          error,
          currentNodeId,
          currentNodeSince,
        })),
      ).toEqual([
        {
          id: 'lost-1',
          endedAt: at,
          outcome: 'lost',
          error: 'the runtime stopped while the call was in progress',
          currentNodeId: null,
          currentNodeSince: null,
        },
        {
          id: 'lost-2',
          endedAt: at,
          outcome: 'lost',
          error: 'the runtime stopped while the call was in progress',
          currentNodeId: null,
          currentNodeSince: null,
        },
        {
          id: 'lost-done',
          endedAt: new Date('2026-04-01T10:00:00Z'),
          outcome: 'completed',
          error: null,
          currentNodeId: null,
          currentNodeSince: null,
        },
        {
          id: 'lost-other',
          endedAt: null,
          outcome: null,
          error: null,
          currentNodeId: null,
          currentNodeSince: null,
        },
      ]);
    });

    it('reads every publication with the version it serves, as the API last wrote it', async () => {
      const { sql, prisma } = database();
      const { flow, versions } = await flowWithVersions('Polled', 2);
      const [first, second] = versions;
      if (first === undefined || second === undefined) throw new Error('versions not created');
      await prisma.publication.createMany({
        data: ['7101', '7102'].map((extension) => ({ extension, flowId: flow.id, flowVersionId: first.id })),
      });
      const polled = async () =>
        (await readPublications(sql))
          .filter((row) => row.extension.startsWith('71'))
          .sort((a, b) => a.extension.localeCompare(b.extension));
      expect(await polled()).toEqual([
        { extension: '7101', flowVersionId: first.id },
        { extension: '7102', flowVersionId: first.id },
      ]);
      await prisma.publication.update({ where: { extension: '7102' }, data: { flowVersionId: second.id } });
      await prisma.publication.delete({ where: { extension: '7101' } });
      expect(await polled()).toEqual([{ extension: '7102', flowVersionId: second.id }]);
    });

    it('reads a flow version by id, its number a number, and nothing for an unknown id', async () => {
      const { sql } = database();
      const { flow, versions } = await flowWithVersions('Loaded', 2);
      const second = versions[1];
      if (second === undefined) throw new Error('version not created');
      expect(await readFlowVersion(sql, second.id)).toEqual({
        id: second.id,
        flowId: flow.id,
        number: 2,
        document: flowDocument,
      });
      expect(await readFlowVersion(sql, 'no-such-version')).toBeUndefined();
    });

    it('writes one status row per server and replaces it on the next write', async () => {
      const { sql, prisma } = database();
      const startedAt = new Date('2026-04-01T08:00:00.000Z');
      const status = {
        asteriskServer: 'pbx-status',
        connected: true,
        asteriskVersion: '22.10.1',
        apps: ['callflow-7001', 'callflow-7002'],
        serving: { '7001': 'version-a', '7002': 'version-b' },
        startedAt,
        updatedAt: new Date('2026-04-01T08:00:02.000Z'),
      };
      await writeRuntimeStatus(sql, status);
      await writeRuntimeStatus(sql, { ...status, asteriskServer: 'pbx-status-2' });
      const updatedAt = new Date('2026-04-01T08:00:04.000Z');
      await writeRuntimeStatus(sql, {
        ...status,
        connected: false,
        asteriskVersion: null,
        apps: [],
        serving: {},
        updatedAt,
      });
      const rows = await prisma.runtimeStatus.findMany({
        where: { asteriskServer: { startsWith: 'pbx-status' } },
        orderBy: { asteriskServer: 'asc' },
      });
      expect(rows).toEqual([
        {
          asteriskServer: 'pbx-status',
          connected: false,
          asteriskVersion: null,
          apps: '[]',
          serving: '{}',
          startedAt,
          updatedAt,
        },
        {
          asteriskServer: 'pbx-status-2',
          connected: true,
          asteriskVersion: '22.10.1',
          apps: '["callflow-7001","callflow-7002"]',
          serving: '{"7001":"version-a","7002":"version-b"}',
          startedAt,
          updatedAt: new Date('2026-04-01T08:00:02.000Z'),
        },
      ]);
    });
  });
}
