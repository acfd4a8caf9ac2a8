import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffMigrationsToSchema } from '../src/diffMigrationsToSchema.ts';
import { isRefusedByDatabase } from '../src/isRefusedByDatabase.ts';
import { isUniqueConstraintViolation } from '../src/isUniqueConstraintViolation.ts';
import { migrateDatabase } from '../src/migrateDatabase.ts';
import { type Database, openDatabase } from '../src/openDatabase.ts';
import { resolveDatabaseUrl } from '../src/resolveDatabaseUrl.ts';
import { readStoredSecrets } from '../src/secrets/readStoredSecrets.ts';
import { SecretRepository } from '../src/secrets/SecretRepository.ts';
import { SecretsKey } from '../src/secrets/SecretsKey.ts';
import { decryptSecret } from '../src/secrets/secretCipher.ts';
import { describePromptLibraryStorage } from './describePromptLibraryStorage.ts';
import { describeRuntimeQueries } from './describeRuntimeQueries.ts';

export interface TestDatabase {
  url: string;
  /** Removes the database once the suite is done (the connection is already closed). */
  drop(): Promise<void>;
}

const flowDocument = JSON.stringify({ schemaVersion: 1, nodes: [], edges: [] });

/**
 * The behaviour both engines must share, run once per engine against a fresh, empty database.
 */
export function describeDatabaseContract(name: string, createDatabase: () => Promise<TestDatabase>): void {
  describe(name, () => {
    let testDatabase: TestDatabase;
    let db: Database;

    beforeAll(async () => {
      testDatabase = await createDatabase();
      await migrateDatabase(testDatabase.url);
      db = await openDatabase(testDatabase.url);
    });

    afterAll(async () => {
      await db?.close();
      await testDatabase?.drop();
    });

    async function createFlowWithVersion(flowName: string) {
      const flow = await db.prisma.flow.create({ data: { name: flowName, document: flowDocument } });
      const version = await db.prisma.flowVersion.create({
        data: { flowId: flow.id, number: 1, document: flow.document, schemaVersion: 1, note: 'first' },
      });
      return { flow, version };
    }

    async function createCall(extension: string) {
      return db.prisma.call.create({
        data: {
          channelId: `chan-${crypto.randomUUID()}`,
          asteriskServer: 'http://127.0.0.1:8088',
          appName: 'callflow',
          extension,
          callerNumber: '1001',
          callerName: 'Alice',
        },
      });
    }

    it('opens the database the URL names', () => {
      expect(db.engine).toBe(resolveDatabaseUrl(testDatabase.url).engine);
    });

    it('applies the committed migrations only once (migrating again is a no-op)', async () => {
      await expect(migrateDatabase(testDatabase.url)).resolves.toBeUndefined();
    });

    it('has committed migrations that produce exactly the schema (else: npm run -w @callflow/db migration:new)', async () => {
      const { changed, sql } = await diffMigrationsToSchema(resolveDatabaseUrl(testDatabase.url));
      expect(sql).toBe('');
      expect(changed).toBe(false);
    });

    it('stores a flow, its version, a publication and a call with its steps, read back in seq order', async () => {
      const { flow, version } = await createFlowWithVersion('Main menu');
      expect(flow.revision).toBe(0);
      await db.prisma.publication.create({
        data: { extension: '6001', flowId: flow.id, flowVersionId: version.id },
      });
      const call = await createCall('6001');
      const enteredAt = new Date('2025-01-01T10:00:00.000Z');
      // Inserted out of order on purpose: the timeline is ordered by seq, not by insertion.
      for (const seq of [2, 3, 1]) {
        await db.prisma.callStep.create({
          data: {
            callId: call.id,
            seq,
            nodeId: `node-${seq}`,
            kind: seq === 1 ? 'answer' : 'menu',
            enteredAt: new Date(enteredAt.getTime() + seq * 1000),
            leftAt: new Date(enteredAt.getTime() + seq * 1000 + 500),
            port: seq === 3 ? 'timeout' : 'next',
            variables: JSON.stringify({ digit: String(seq) }),
          },
        });
      }
      await db.prisma.call.update({
        where: { id: call.id },
        data: {
          endedAt: new Date(),
          outcome: 'completed',
          stepCount: 3,
          flowId: flow.id,
          flowVersionId: version.id,
        },
      });

      const timeline = await db.prisma.call.findUniqueOrThrow({
        where: { id: call.id },
        include: { steps: { orderBy: { seq: 'asc' } } },
      });
      expect(timeline.outcome).toBe('completed');
      expect(timeline.callerNumber).toBe('1001');
      expect(timeline.steps.map((step) => [step.seq, step.nodeId, step.port])).toEqual([
        [1, 'node-1', 'next'],
        [2, 'node-2', 'next'],
        [3, 'node-3', 'timeout'],
      ]);
      expect(typeof timeline.steps[0]?.id).toBe('number');
      expect(timeline.steps[0]?.enteredAt.toISOString()).toBe('2025-01-01T10:00:01.000Z');
      expect(JSON.parse(timeline.steps[0]?.variables ?? 'null')).toEqual({ digit: '1' });

      const published = await db.prisma.publication.findUniqueOrThrow({
        where: { extension: '6001' },
        include: { flowVersion: true },
      });
      expect(published.flowVersion.document).toBe(flowDocument);
    });

    it('rejects a second version with the same number for a flow', async () => {
      const { flow } = await createFlowWithVersion('Duplicate versions');
      const duplicate = db.prisma.flowVersion.create({
        data: { flowId: flow.id, number: 1, document: flowDocument, schemaVersion: 1 },
      });
      const error = await duplicate.then(
        () => undefined,
        (rejection: unknown) => rejection,
      );
      expect(isUniqueConstraintViolation(error)).toBe(true);
      // The same number in another flow is fine.
      const other = await createFlowWithVersion('Another flow');
      expect(other.version.number).toBe(1);
    });

    it('rejects a second step with the same seq in a call', async () => {
      const call = await createCall('6002');
      const step = { callId: call.id, seq: 1, nodeId: 'a', kind: 'answer', enteredAt: new Date() };
      await db.prisma.callStep.create({ data: step });
      const error = await db.prisma.callStep.create({ data: step }).then(
        () => undefined,
        (rejection: unknown) => rejection,
      );
      expect(isUniqueConstraintViolation(error)).toBe(true);
    });

    it("deletes a call's steps with the call", async () => {
      const call = await createCall('6003');
      await db.prisma.callStep.createMany({
        data: [1, 2].map((seq) => ({
          callId: call.id,
          seq,
          nodeId: `n${seq}`,
          kind: 'playback',
          enteredAt: new Date(),
        })),
      });
      expect(await db.prisma.callStep.count({ where: { callId: call.id } })).toBe(2);
      await db.prisma.call.delete({ where: { id: call.id } });
      expect(await db.prisma.callStep.count({ where: { callId: call.id } })).toBe(0);
    });

    it('only publishes a version under the flow it belongs to', async () => {
      const a = await createFlowWithVersion('Flow A');
      const b = await createFlowWithVersion('Flow B');
      await expect(
        db.prisma.publication.create({
          data: { extension: '6004', flowId: b.flow.id, flowVersionId: a.version.id },
        }),
      ).rejects.toThrow();
    });

    it('refuses to delete a flow while one of its versions is published', async () => {
      const { flow, version } = await createFlowWithVersion('Published flow');
      await db.prisma.publication.create({
        data: { extension: '6005', flowId: flow.id, flowVersionId: version.id },
      });
      await expect(db.prisma.flow.delete({ where: { id: flow.id } })).rejects.toThrow();
      await db.prisma.publication.delete({ where: { extension: '6005' } });
      await db.prisma.flow.delete({ where: { id: flow.id } });
      expect(await db.prisma.flowVersion.count({ where: { flowId: flow.id } })).toBe(0);
    });

    it('moves a publication updatedAt forward when the extension is re-published', async () => {
      const { flow, version } = await createFlowWithVersion('Republished');
      const first = await db.prisma.publication.create({
        data: { extension: '6006', flowId: flow.id, flowVersionId: version.id },
      });
      const second = await db.prisma.flowVersion.create({
        data: { flowId: flow.id, number: 2, document: flowDocument, schemaVersion: 1 },
      });
      await new Promise((resolve) => setTimeout(resolve, 5));
      const republished = await db.prisma.publication.update({
        where: { extension: '6006' },
        data: { flowVersionId: second.id },
      });
      expect(republished.updatedAt.getTime()).toBeGreaterThan(first.updatedAt.getTime());
      expect(republished.publishedAt.getTime()).toBe(first.publishedAt.getTime());
    });

    it('lets a stale revision be detected when saving a flow', async () => {
      const { flow } = await createFlowWithVersion('Concurrent edits');
      const save = (revision: number) =>
        db.prisma.flow.updateMany({
          where: { id: flow.id, revision },
          data: { name: `saved at ${revision}`, revision: { increment: 1 } },
        });
      expect((await save(0)).count).toBe(1);
      expect((await save(0)).count).toBe(0);
    });

    it('records runtime events, newest first by time', async () => {
      await db.prisma.runtimeEvent.create({
        data: {
          at: new Date('2025-01-01T00:00:00Z'),
          level: 'info',
          type: 'connected',
          message: 'ARI connected',
        },
      });
      await db.prisma.runtimeEvent.create({
        data: {
          at: new Date('2025-01-01T00:00:01Z'),
          level: 'error',
          type: 'error',
          message: 'boom',
          appName: 'callflow',
          asteriskServer: 'http://127.0.0.1:8088',
        },
      });
      const [latest] = await db.prisma.runtimeEvent.findMany({ orderBy: { at: 'desc' }, take: 1 });
      expect(latest?.type).toBe('error');
      expect(latest?.id).toBeTypeOf('number');
    });

    describe('the credentials store', () => {
      const key = SecretsKey.fromText(Buffer.alloc(32, 7).toString('base64'), 'test key');

      it('stores values encrypted, lists them without values, and lets the runtime decrypt them', async () => {
        const secrets = new SecretRepository(db.prisma);
        const { secret, created } = await secrets.set(
          { name: 'crm_token', value: 'Bearer very-secret', description: 'CRM API', actor: 'alice' },
          key,
        );
        expect(created).toBe(true);
        expect(secret).toMatchObject({ name: 'crm_token', description: 'CRM API', updatedBy: 'alice' });
        expect(Object.keys(secret).sort()).toEqual([
          'createdAt',
          'description',
          'name',
          'updatedAt',
          'updatedBy',
        ]);
        const row = await db.prisma.secret.findUniqueOrThrow({ where: { name: 'crm_token' } });
        expect(JSON.stringify(row)).not.toContain('very-secret');
        expect(row.keyId).toBe(key.id);

        const stored = await readStoredSecrets(db.sql);
        const encrypted = stored.get('crm_token');
        expect(encrypted).toBeDefined();
        if (encrypted !== undefined)
          expect(decryptSecret(key, 'crm_token', encrypted)).toBe('Bearer very-secret');
        expect(await secrets.names()).toContain('crm_token');
        expect((await secrets.list()).map((listed) => listed.name)).toContain('crm_token');
      });

      it('replaces a value (keeping the description unless given), describes and deletes by name', async () => {
        const secrets = new SecretRepository(db.prisma);
        await secrets.set({ name: 'sms_key', value: 'one', description: 'SMS', actor: 'alice' }, key);
        const first = await secrets.find('sms_key');
        await new Promise((resolve) => setTimeout(resolve, 5));
        const replaced = await secrets.set({ name: 'sms_key', value: 'two', actor: 'bob' }, key);
        expect(replaced.created).toBe(false);
        expect(replaced.secret).toMatchObject({ description: 'SMS', updatedBy: 'bob' });
        expect(replaced.secret.createdAt.getTime()).toBe(first?.createdAt.getTime());
        expect(replaced.secret.updatedAt.getTime()).toBeGreaterThan(first?.updatedAt.getTime() ?? 0);
        const encrypted = (await readStoredSecrets(db.sql)).get('sms_key');
        if (encrypted === undefined) throw new Error('sms_key not stored');
        expect(decryptSecret(key, 'sms_key', encrypted)).toBe('two');

        expect((await secrets.describe('sms_key', 'SMS gateway', 'carol'))?.description).toBe('SMS gateway');
        expect(await secrets.describe('no_such', 'x', 'carol')).toBeNull();
        expect(await secrets.delete('sms_key')).toBe(true);
        expect(await secrets.delete('sms_key')).toBe(false);
        expect(await secrets.find('sms_key')).toBeNull();
        expect((await readStoredSecrets(db.sql)).has('sms_key')).toBe(false);
      });
    });

    describe("direct SQL (the runtime's hot paths)", () => {
      const insertCall = (id: string, startedAt: Date) => ({
        sql: 'INSERT INTO "Call" ("id", "channelId", "asteriskServer", "appName", "extension", "startedAt") VALUES (?, ?, ?, ?, ?, ?)',
        params: [id, `chan-${id}`, 'test', 'callflow-1', '6001', startedAt],
      });

      it("writes rows Prisma reads back the same, dates included, and orders them like Prisma's", async () => {
        const startedAt = new Date('2026-03-01T10:00:00.123Z');
        await db.sql.transaction([insertCall('direct-1', startedAt)]);
        const later = await createCall('6001');
        await db.prisma.call.update({
          where: { id: later.id },
          data: { startedAt: new Date('2026-03-01T10:00:00.124Z') },
        });
        const stored = await db.prisma.call.findUniqueOrThrow({ where: { id: 'direct-1' } });
        expect(stored).toMatchObject({ channelId: 'chan-direct-1', startedAt, endedAt: null, stepCount: 0 });
        // Compared in SQL by the API's filters: the stored text must sort like the instants.
        const inRange = await db.prisma.call.findMany({
          where: { startedAt: { gte: startedAt, lt: new Date('2026-03-01T10:00:00.124Z') } },
        });
        expect(inRange.map((call) => call.id)).toEqual(['direct-1']);
        expect(
          await db.sql.query({ sql: 'SELECT "id" FROM "Call" WHERE "id" = ?', params: ['direct-1'] }),
        ).toEqual([{ id: 'direct-1' }]);
      });

      it('applies a transaction whole or not at all, and reports a constraint as a refusal', async () => {
        const error = await db.sql
          .transaction([insertCall('direct-2', new Date()), insertCall('direct-2', new Date())])
          .then(
            () => undefined,
            (caught: unknown) => caught,
          );
        expect(isRefusedByDatabase(error)).toBe(true);
        expect(await db.prisma.call.findUnique({ where: { id: 'direct-2' } })).toBeNull();
        await db.sql.transaction([insertCall('direct-2', new Date())]);
        expect(await db.prisma.call.findUnique({ where: { id: 'direct-2' } })).not.toBeNull();
      });

      it('says how many rows a statement changed', async () => {
        await db.sql.transaction([insertCall('direct-3', new Date()), insertCall('direct-4', new Date())]);
        const endLive = {
          sql: 'UPDATE "Call" SET "endedAt" = ?, "outcome" = ? WHERE "endedAt" IS NULL AND "id" IN (?, ?)',
          params: [new Date(), 'lost', 'direct-3', 'direct-4'],
        };
        expect(await db.sql.execute(endLive)).toBe(2);
        expect(await db.sql.execute(endLive)).toBe(0);
        expect((await db.prisma.call.findUniqueOrThrow({ where: { id: 'direct-3' } })).outcome).toBe('lost');
      });

      it('refuses a step of a call that does not exist (foreign keys are on)', async () => {
        const error = await db.sql
          .transaction([
            {
              sql: 'INSERT INTO "CallStep" ("callId", "seq", "nodeId", "kind", "enteredAt") VALUES (?, ?, ?, ?, ?)',
              params: ['no-such-call', 1, 'n1', 'play', new Date()],
            },
          ])
          .then(
            () => undefined,
            (caught: unknown) => caught,
          );
        expect(isRefusedByDatabase(error)).toBe(true);
      });
    });

    describeRuntimeQueries(() => db);
    describePromptLibraryStorage(() => db);
  });
}
