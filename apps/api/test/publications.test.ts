import { describe, expect, it } from 'vitest';
import {
  brokenFlow,
  catalogCounts,
  type ErrorView,
  type FlowView,
  playFlow,
  useFlowTestSession,
} from './flowTestSession.ts';
import { testEngines } from './startTestApi.ts';

interface PublicationView {
  extension: string;
  flowId: string;
  flowName: string;
  version: number;
  versionId: string;
  publishedAt: string;
  applied?: boolean | 'unknown';
  createdVersion?: boolean;
  previous?: { flowId: string; flowName: string; version: number } | null;
  previousVersion?: number;
}

describe.each(testEngines())('publications on %s', (engine) => {
  const session = useFlowTestSession(engine);

  async function createFlow(name: string, digits = '1'): Promise<FlowView> {
    const created = await session.as.editor.post<FlowView>('/api/flows', {
      name,
      document: playFlow(digits),
    });
    expect(created.status).toBe(201);
    return created.body;
  }

  async function saveDraft(flowId: string, digits: string): Promise<void> {
    const flow = await session.as.viewer.get<FlowView>(`/api/flows/${flowId}`);
    const saved = await session.as.editor.put(`/api/flows/${flowId}/draft`, {
      revision: flow.body.revision,
      document: playFlow(digits),
    });
    expect(saved.status).toBe(200);
  }

  async function publications(): Promise<PublicationView[]> {
    const list = await session.as.viewer.get<{ publications: PublicationView[] }>('/api/publications');
    expect(list.status).toBe(200);
    return list.body.publications;
  }

  async function auditOf(extension: string) {
    const events = await session.api.db.prisma.auditEvent.findMany({
      where: { target: extension },
      orderBy: { id: 'asc' },
    });
    return events.map((event) => ({
      actor: event.actor,
      action: event.action,
      details: JSON.parse(event.details ?? '{}') as Record<string, unknown>,
    }));
  }

  it('publishes the draft as a new version, then republishes, rolls back and unpublishes', async () => {
    const flow = await createFlow('Front desk', '1');
    const first = await session.as.editor.put<PublicationView>('/api/publications/6001', {
      flowId: flow.id,
      note: 'go live',
    });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      extension: '6001',
      flowId: flow.id,
      flowName: 'Front desk',
      version: 1,
      versionId: expect.any(String),
      publishedAt: expect.any(String),
      createdVersion: true,
      previous: null,
      warnings: [],
    });
    const version1 = await session.as.viewer.get<{ note: string; author: string; liveOn: string[] }>(
      `/api/flows/${flow.id}/versions/1`,
    );
    expect(version1.body).toMatchObject({
      note: 'go live',
      author: session.as.editor.username,
      liveOn: ['6001'],
    });

    await saveDraft(flow.id, '2');
    const second = await session.as.editor.put<PublicationView>('/api/publications/6001', {
      flowId: flow.id,
    });
    expect(second.body).toMatchObject({
      version: 2,
      createdVersion: true,
      previous: { flowId: flow.id, version: 1 },
    });
    const read = await session.as.viewer.get<FlowView>(`/api/flows/${flow.id}`);
    expect(read.body.publications).toEqual([
      {
        extension: '6001',
        version: 2,
        versionId: second.body.versionId,
        publishedAt: second.body.publishedAt,
      },
    ]);

    const rolledBack = await session.as.editor.post<PublicationView>('/api/publications/6001/rollback', {
      version: 1,
    });
    expect(rolledBack.status).toBe(200);
    expect(rolledBack.body).toMatchObject({
      extension: '6001',
      version: 1,
      versionId: first.body.versionId,
      previousVersion: 2,
    });
    expect((await publications()).find((p) => p.extension === '6001')).toMatchObject({ version: 1 });

    const explicit = await session.as.editor.put<PublicationView>('/api/publications/6001', {
      flowId: flow.id,
      version: 2,
    });
    expect(explicit.body).toMatchObject({ version: 2, createdVersion: false });
    expect(await session.api.db.prisma.flowVersion.count({ where: { flowId: flow.id } })).toBe(2);

    const removed = await session.as.editor.delete<PublicationView>('/api/publications/6001');
    expect(removed.status).toBe(200);
    expect(removed.body).toMatchObject({ extension: '6001', flowId: flow.id, version: 2 });
    expect((await publications()).find((p) => p.extension === '6001')).toBeUndefined();
    const again = await session.as.editor.delete<ErrorView>('/api/publications/6001');
    expect(again.status).toBe(404);
    expect(again.body).toEqual({ error: 'not_published', message: 'nothing is published on extension 6001' });

    const editor = session.as.editor.username;
    expect(await auditOf('6001')).toEqual([
      {
        actor: editor,
        action: 'publish',
        details: {
          flowId: flow.id,
          flowName: 'Front desk',
          version: 1,
          createdVersion: true,
          previous: null,
          replaced: false,
          note: 'go live',
        },
      },
      {
        actor: editor,
        action: 'publish',
        details: expect.objectContaining({ version: 2, createdVersion: true, replaced: false }),
      },
      {
        actor: editor,
        action: 'rollback',
        details: { flowId: flow.id, flowName: 'Front desk', from: 2, to: 1 },
      },
      {
        actor: editor,
        action: 'publish',
        details: expect.objectContaining({ version: 2, createdVersion: false }),
      },
      {
        actor: editor,
        action: 'unpublish',
        details: { flowId: flow.id, flowName: 'Front desk', version: 2 },
      },
    ]);
  });

  it('refuses an extension held by another flow unless told to replace it', async () => {
    const holder = await createFlow('Holder');
    const challenger = await createFlow('Challenger');
    await session.as.editor.put('/api/publications/6100', { flowId: holder.id });
    const before = await catalogCounts(session.api);
    const refused = await session.as.editor.put<ErrorView>('/api/publications/6100', {
      flowId: challenger.id,
    });
    expect(refused.status).toBe(409);
    expect(refused.body).toEqual({
      error: 'extension_taken',
      message: 'extension 6100 runs flow "Holder" (version 1); publish with replace to take it over',
      extension: '6100',
      heldBy: { flowId: holder.id, flowName: 'Holder', version: 1 },
    });
    expect(await catalogCounts(session.api)).toEqual(before);

    const replaced = await session.as.editor.put<PublicationView>('/api/publications/6100', {
      flowId: challenger.id,
      replace: true,
    });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({
      flowId: challenger.id,
      version: 1,
      previous: { flowId: holder.id, flowName: 'Holder', version: 1 },
    });
    const events = await auditOf('6100');
    expect(events.at(-1)?.details).toMatchObject({ replaced: true, previous: { flowName: 'Holder' } });
    // The flow that holds an extension republishes without `replace`; rollback stays within it.
    expect((await session.as.editor.put('/api/publications/6100', { flowId: challenger.id })).status).toBe(
      200,
    );
    const rolledBack = await session.as.editor.post<PublicationView>('/api/publications/6100/rollback', {
      version: 1,
    });
    expect(rolledBack.body).toMatchObject({ flowId: challenger.id, flowName: 'Challenger', version: 1 });
  });

  it('refuses rollbacks that are not to an older version of the same flow', async () => {
    const flow = await createFlow('Rolling');
    await session.as.editor.put('/api/publications/6200', { flowId: flow.id });
    await saveDraft(flow.id, '2');
    await session.as.editor.put('/api/publications/6200', { flowId: flow.id });
    const same = await session.as.editor.post<ErrorView>('/api/publications/6200/rollback', { version: 2 });
    expect(same.status).toBe(409);
    expect(same.body).toEqual({
      error: 'not_older',
      liveVersion: 2,
      message:
        'extension 6200 runs version 2 of flow "Rolling": roll back to one of versions 1 to 1, or publish version 2 instead',
    });
    const newer = await session.as.editor.post<ErrorView>('/api/publications/6200/rollback', { version: 5 });
    expect(newer.status).toBe(409);
    const other = await createFlow('Other');
    await session.as.editor.post(`/api/flows/${other.id}/versions`, {});
    await session.as.editor.put('/api/publications/6201', { flowId: other.id });
    const nowhere = await session.as.editor.post<ErrorView>('/api/publications/6299/rollback', {
      version: 1,
    });
    expect(nowhere.status).toBe(404);
    expect(nowhere.body.error).toBe('not_published');
    await session.api.db.prisma.flowVersion.deleteMany({ where: { flowId: flow.id, number: 1 } });
    const deletedVersion = await session.as.editor.post<ErrorView>('/api/publications/6200/rollback', {
      version: 1,
    });
    expect(deletedVersion.status).toBe(404);
    expect(deletedVersion.body.message).toBe('version 1 of flow "Rolling" does not exist');
    for (const version of [0, '1', true, 1.5]) {
      const refused = await session.as.editor.post<ErrorView>('/api/publications/6200/rollback', { version });
      expect(refused.status).toBe(400);
      expect(refused.body.problems?.[0]?.path).toBe('body.version');
    }
  });

  it('refuses to publish a draft with errors, an unknown flow or version, or a bad extension', async () => {
    const broken = await session.as.editor.post<FlowView>('/api/flows', {
      name: 'Broken',
      document: brokenFlow(),
    });
    const good = await createFlow('Good');
    const before = await catalogCounts(session.api);
    const invalid = await session.as.editor.put<ErrorView>('/api/publications/6300', {
      flowId: broken.body.id,
    });
    expect(invalid.status).toBe(422);
    expect(invalid.body).toMatchObject({ error: 'invalid_flow', problems: [{ code: 'missing-target' }] });
    const unknownFlow = await session.as.editor.put<ErrorView>('/api/publications/6300', { flowId: 'nope' });
    expect(unknownFlow.status).toBe(404);
    const unknownVersion = await session.as.editor.put<ErrorView>('/api/publications/6300', {
      flowId: good.id,
      version: 4,
    });
    expect(unknownVersion.status).toBe(404);
    expect(unknownVersion.body.message).toBe('version 4 of flow "Good" does not exist');
    for (const extension of ['1', 'abc', '*123', '123456789012345678901']) {
      const refused = await session.as.editor.put<ErrorView>(
        `/api/publications/${encodeURIComponent(extension)}`,
        {
          flowId: good.id,
        },
      );
      expect(refused.status).toBe(400);
      expect(refused.body.problems?.[0]?.path).toBe('params.extension');
    }
    const staleDraft = await session.as.editor.put<ErrorView>('/api/publications/6300', {
      flowId: good.id,
      revision: 3,
    });
    expect(staleDraft.body).toMatchObject({ error: 'stale_revision', currentRevision: 0 });
    expect(await catalogCounts(session.api)).toEqual(before);
    expect((await session.as.viewer.put('/api/publications/6300', { flowId: good.id })).status).toBe(403);
    expect((await session.as.viewer.delete('/api/publications/6300')).status).toBe(403);
    expect((await session.as.anonymous.get('/api/publications')).status).toBe(401);
  });

  it('gives one extension to exactly one of several flows publishing it at once', async () => {
    const flows = await Promise.all(
      ['Racer A', 'Racer B', 'Racer C', 'Racer D'].map((name) => createFlow(name)),
    );
    const attempts = await Promise.all(
      flows.map((flow) =>
        session.as.editor.put<PublicationView>('/api/publications/6400', { flowId: flow.id }),
      ),
    );
    expect(attempts.map((attempt) => attempt.status).sort()).toEqual([200, 409, 409, 409]);
    const winner = attempts.find((attempt) => attempt.status === 200)?.body.flowId;
    expect((await publications()).find((p) => p.extension === '6400')?.flowId).toBe(winner);
  });

  describe('whether the runtime applied a publication', () => {
    it('is unknown without a runtime status row from the last 10 seconds', async () => {
      const flow = await createFlow('Watched');
      await session.as.editor.put('/api/publications/6500', { flowId: flow.id });
      await session.api.db.prisma.runtimeStatus.deleteMany();
      expect((await publications()).find((p) => p.extension === '6500')?.applied).toBe('unknown');
      await session.api.db.prisma.runtimeStatus.create({
        data: {
          asteriskServer: 'old:8088',
          connected: true,
          apps: '[]',
          serving: '{}',
          startedAt: new Date(Date.now() - 600_000),
          updatedAt: new Date(Date.now() - 60_000),
        },
      });
      expect((await publications()).find((p) => p.extension === '6500')?.applied).toBe('unknown');
    });

    it('is true when every fresh runtime serves the published version, false otherwise', async () => {
      const flow = await createFlow('Served');
      const published = await session.as.editor.put<PublicationView>('/api/publications/6600', {
        flowId: flow.id,
      });
      await session.api.db.prisma.runtimeStatus.deleteMany();
      const status = (asteriskServer: string, serving: Record<string, string>) =>
        session.api.db.prisma.runtimeStatus.create({
          data: {
            asteriskServer,
            connected: true,
            apps: '[]',
            serving: JSON.stringify(serving),
            startedAt: new Date(),
          },
        });
      await status('pbx1:8088', { '6600': published.body.versionId });
      const applied = (await publications()).find((p) => p.extension === '6600');
      expect(applied?.applied).toBe(true);

      await saveDraft(flow.id, '7');
      await session.as.editor.put('/api/publications/6600', { flowId: flow.id });
      expect((await publications()).find((p) => p.extension === '6600')?.applied).toBe(false);

      await session.api.db.prisma.runtimeStatus.deleteMany();
      await status('pbx1:8088', { '6600': published.body.versionId });
      const current = (await publications()).find((p) => p.extension === '6600');
      await status('pbx2:8088', { '6600': current?.versionId ?? '' });
      expect(current?.applied).toBe(false);
      await session.api.db.prisma.runtimeStatus.update({
        where: { asteriskServer: 'pbx1:8088' },
        data: { serving: JSON.stringify({ '6600': current?.versionId }) },
      });
      expect((await publications()).find((p) => p.extension === '6600')?.applied).toBe(true);
      await session.api.db.prisma.runtimeStatus.update({
        where: { asteriskServer: 'pbx1:8088' },
        data: { serving: 'not json' },
      });
      expect((await publications()).find((p) => p.extension === '6600')?.applied).toBe(false);
    });
  });
});
