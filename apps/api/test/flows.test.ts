import { beforeAll, describe, expect, it } from 'vitest';
import {
  brokenFlow,
  catalogCounts,
  type ErrorView,
  type FlowView,
  menuFlow,
  playFlow,
  useFlowTestSession,
} from './flowTestSession.ts';
import { testEngines } from './startTestApi.ts';

interface FlowList {
  flows: Omit<FlowView, 'document'>[];
  nextCursor: string | null;
}

interface Validation {
  ok: boolean;
  problems: { severity: string; code: string; message: string; nodeId: string | null; path: string }[];
}

describe.each(testEngines())('flows on %s', (engine) => {
  const session = useFlowTestSession(engine);

  async function createFlow(name: string, document?: unknown): Promise<FlowView> {
    const created = await session.as.editor.post<FlowView>('/api/flows', { name, document });
    expect(created.status).toBe(201);
    return created.body;
  }

  describe('creating and reading', () => {
    it('creates a flow that starts with a single Start node and nothing live', async () => {
      const created = await session.as.editor.post<FlowView>('/api/flows', { name: '  Reception  ' });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        name: 'Reception',
        revision: 0,
        versionCount: 0,
        latestVersion: null,
        publications: [],
        document: {
          schemaVersion: 1,
          nodes: [{ id: 'start', kind: 'start', label: '', position: { x: 0, y: 0 }, options: {} }],
          edges: [],
        },
      });
      const read = await session.as.viewer.get<FlowView>(`/api/flows/${created.body.id}`);
      expect(read.status).toBe(200);
      expect(read.body).toEqual(created.body);
    });

    it('creates a flow from a document, filling in the option defaults', async () => {
      const flow = await createFlow('Sales line', menuFlow());
      const menu = flow.document.nodes.find((node) => node.id === 'menu');
      expect(menu?.options).toMatchObject({ timeoutSeconds: 5, retries: 2, bargeIn: true, language: null });
      expect(flow.document.edges).toHaveLength(10);
    });

    it('accepts a document with validation errors as a draft', async () => {
      const flow = await createFlow('Half drawn', brokenFlow());
      expect(flow.document.edges[0]?.target).toBe('nowhere');
    });

    it('refuses a document that is not a flow document, listing every problem, and creates nothing', async () => {
      const before = await catalogCounts(session.api);
      const document = menuFlow();
      const nodes = document.nodes as unknown as Record<string, unknown>[];
      nodes[1] = { id: 'answer', kind: 'teleport', options: {} };
      nodes[3] = { id: 'sales', kind: 'play', options: { prompts: 'loud' } };
      const refused = await session.as.editor.post<ErrorView>('/api/flows', { name: '', document });
      expect(refused.status).toBe(400);
      expect(refused.body.error).toBe('invalid_request');
      // The request's own fields are checked first (mountRoutes); with a good name the document's
      // problems come, each with the node it concerns.
      expect(refused.body.problems).toEqual([
        {
          severity: 'error',
          code: 'invalid-field',
          message: 'give the flow a name',
          nodeId: null,
          edgeId: null,
          path: 'body.name',
        },
      ]);
      const named = await session.as.editor.post<ErrorView>('/api/flows', { name: 'x', document });
      expect(named.status).toBe(400);
      expect(named.body.problems).toEqual([
        expect.objectContaining({
          path: 'body.document.nodes.1.kind',
          nodeId: 'answer',
          code: 'unknown-kind',
        }),
        expect.objectContaining({ path: 'body.document.nodes.3.options.prompts', nodeId: 'sales' }),
      ]);
      expect(named.body.problems?.[0]?.message).toMatch(
        /^A node is of a kind this Callflow does not have \(“teleport”\): replace it with one from the palette: Start, Answer/,
      );
      expect(await catalogCounts(session.api)).toEqual(before);
    });

    it('answers 404 for a flow that does not exist', async () => {
      const missing = await session.as.viewer.get<ErrorView>('/api/flows/no-such-flow');
      expect(missing.status).toBe(404);
      expect(missing.body).toEqual({ error: 'not_found', message: 'flow no-such-flow does not exist' });
    });

    it('lets viewers read but not write, and nobody in without a session', async () => {
      const flow = await createFlow('Read only');
      expect((await session.as.viewer.get(`/api/flows/${flow.id}`)).status).toBe(200);
      expect((await session.as.viewer.get('/api/flows')).status).toBe(200);
      expect((await session.as.viewer.post('/api/flows', { name: 'x' })).status).toBe(403);
      expect((await session.as.viewer.patch(`/api/flows/${flow.id}`, { name: 'x' })).status).toBe(403);
      expect(
        (await session.as.viewer.put(`/api/flows/${flow.id}/draft`, { revision: 0, document: playFlow('1') }))
          .status,
      ).toBe(403);
      expect((await session.as.viewer.delete(`/api/flows/${flow.id}`)).status).toBe(403);
      expect((await session.as.anonymous.get('/api/flows')).status).toBe(401);
      expect((await session.as.admin.patch(`/api/flows/${flow.id}`, { name: 'Admin renamed' })).status).toBe(
        200,
      );
    });
  });

  describe('listing', () => {
    const prefix = `List${engine}`;
    const names = ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo', 'Foxtrot', 'Golf'].map(
      (n) => `${prefix} ${n}`,
    );
    beforeAll(async () => {
      for (const name of [...names].reverse()) await createFlow(name);
      await createFlow(`${prefix} Bravo`);
    });

    it('pages through the flows by name with a cursor, each exactly once', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const query: string = `search=${encodeURIComponent(prefix)}&limit=3${cursor === null ? '' : `&cursor=${cursor}`}`;
        const page = await session.as.viewer.get<FlowList>(`/api/flows?${query}`);
        expect(page.status).toBe(200);
        expect(page.body.flows.length).toBeLessThanOrEqual(3);
        seen.push(...page.body.flows.map((flow) => flow.name));
        cursor = page.body.nextCursor;
        pages++;
      } while (cursor !== null);
      expect(pages).toBe(3);
      expect(seen).toEqual([names[0], names[1], names[1], ...names.slice(2)]);
    });

    it('searches names whatever their case, and takes % and _ literally', async () => {
      const found = await session.as.viewer.get<FlowList>(
        `/api/flows?search=${encodeURIComponent(`${prefix.toUpperCase()} cHaRlIe`)}`,
      );
      expect(found.body.flows.map((flow) => flow.name)).toEqual([`${prefix} Charlie`]);
      await createFlow('Discount 100% off_peak');
      const literal = await session.as.viewer.get<FlowList>(
        `/api/flows?search=${encodeURIComponent('0% OFF_')}`,
      );
      expect(literal.body.flows.map((flow) => flow.name)).toEqual(['Discount 100% off_peak']);
      const wildcard = await session.as.viewer.get<FlowList>(`/api/flows?search=${encodeURIComponent('%_')}`);
      expect(wildcard.body.flows).toEqual([]);
    });

    it('summarises each flow without its document', async () => {
      const page = await session.as.viewer.get<FlowList>(
        `/api/flows?search=${encodeURIComponent(names[0] ?? '')}`,
      );
      expect(page.body.flows).toEqual([
        {
          id: expect.any(String),
          name: names[0],
          revision: 0,
          createdAt: expect.any(String),
          updatedAt: expect.any(String),
          versionCount: 0,
          latestVersion: null,
          publications: [],
        },
      ]);
    });

    it('refuses a cursor it did not make and limits out of range', async () => {
      const refused = await session.as.viewer.get<ErrorView>('/api/flows?cursor=bogus&limit=0');
      expect(refused.status).toBe(400);
      expect(refused.body.problems?.map((problem) => problem.path)).toEqual(['query.limit']);
      const badCursor = await session.as.viewer.get<ErrorView>('/api/flows?cursor=bogus');
      expect(badCursor.status).toBe(400);
      expect(badCursor.body.problems).toEqual([
        {
          severity: 'error',
          code: 'invalid-field',
          message: 'not a cursor from this list; start again',
          nodeId: null,
          edgeId: null,
          path: 'query.cursor',
        },
      ]);
    });
  });

  describe('renaming and duplicating', () => {
    it('renames without touching the draft or its revision', async () => {
      const flow = await createFlow('Old name', menuFlow());
      const renamed = await session.as.editor.patch<FlowView>(`/api/flows/${flow.id}`, { name: 'New name' });
      expect(renamed.status).toBe(200);
      expect(renamed.body).toMatchObject({ id: flow.id, name: 'New name', revision: 0 });
      const read = await session.as.viewer.get<FlowView>(`/api/flows/${flow.id}`);
      expect(read.body.document).toEqual(flow.document);
      expect((await session.as.editor.patch('/api/flows/nope', { name: 'x' })).status).toBe(404);
      expect((await session.as.editor.patch(`/api/flows/${flow.id}`, { name: ' ' })).status).toBe(400);
    });

    it('duplicates the draft into a new flow with no versions', async () => {
      const flow = await createFlow('Original', menuFlow());
      await session.as.editor.post(`/api/flows/${flow.id}/versions`, { note: 'v1' });
      const copy = await session.as.editor.post<FlowView>(`/api/flows/${flow.id}/duplicate`, {});
      expect(copy.status).toBe(201);
      expect(copy.body).toMatchObject({
        name: 'Original (copy)',
        revision: 0,
        versionCount: 0,
        publications: [],
      });
      expect(copy.body.id).not.toBe(flow.id);
      expect(copy.body.document).toEqual(flow.document);
      const named = await session.as.editor.post<FlowView>(`/api/flows/${flow.id}/duplicate`, {
        name: 'Twin',
      });
      expect(named.body.name).toBe('Twin');
      const long = await createFlow('L'.repeat(120));
      const longCopy = await session.as.editor.post<FlowView>(`/api/flows/${long.id}/duplicate`, {});
      expect(longCopy.body.name).toBe(`${'L'.repeat(113)} (copy)`);
    });
  });

  describe('saving the draft', () => {
    it('saves with the current revision, which then goes up by one', async () => {
      const flow = await createFlow('Draft', playFlow('1'));
      const saved = await session.as.editor.put<Validation & { revision: number }>(
        `/api/flows/${flow.id}/draft`,
        {
          revision: 0,
          document: playFlow('2'),
        },
      );
      expect(saved.status).toBe(200);
      expect(saved.body).toMatchObject({ revision: 1, ok: true, problems: [] });
      const again = await session.as.editor.put(`/api/flows/${flow.id}/draft`, {
        revision: 1,
        document: playFlow('3'),
      });
      expect(again.status).toBe(200);
      const read = await session.as.viewer.get<FlowView>(`/api/flows/${flow.id}`);
      expect(read.body.revision).toBe(2);
      expect(read.body.document.nodes[1]?.options).toEqual({
        prompts: [{ type: 'digits', value: '3' }],
        language: null,
      });
    });

    it('refuses a stale revision with 409 stale_revision and changes nothing', async () => {
      const flow = await createFlow('Contested', playFlow('1'));
      await session.as.editor.put(`/api/flows/${flow.id}/draft`, { revision: 0, document: playFlow('2') });
      const before = await session.as.viewer.get<FlowView>(`/api/flows/${flow.id}`);
      const stale = await session.as.editor.put<ErrorView>(`/api/flows/${flow.id}/draft`, {
        revision: 0,
        document: playFlow('9'),
      });
      expect(stale.status).toBe(409);
      expect(stale.body).toEqual({
        error: 'stale_revision',
        currentRevision: 1,
        message: expect.stringMatching(/saved by someone else.*revision 1/),
      });
      const after = await session.as.viewer.get<FlowView>(`/api/flows/${flow.id}`);
      expect(after.body).toEqual(before.body);
      const ahead = await session.as.editor.put<ErrorView>(`/api/flows/${flow.id}/draft`, {
        revision: 7,
        document: playFlow('9'),
      });
      expect(ahead.status).toBe(409);
    });

    it('lets exactly one of several simultaneous saves of the same revision win', async () => {
      const flow = await createFlow('Race', playFlow('1'));
      const saves = await Promise.all(
        ['11', '12', '13', '14', '15', '16'].map((digits) =>
          session.as.editor.put(`/api/flows/${flow.id}/draft`, { revision: 0, document: playFlow(digits) }),
        ),
      );
      expect(saves.map((save) => save.status).sort()).toEqual([200, 409, 409, 409, 409, 409]);
      const read = await session.as.viewer.get<FlowView>(`/api/flows/${flow.id}`);
      expect(read.body.revision).toBe(1);
    });

    it('keeps a draft with validation errors and reports them', async () => {
      const flow = await createFlow('Work in progress', playFlow('1'));
      const saved = await session.as.editor.put<Validation & { revision: number }>(
        `/api/flows/${flow.id}/draft`,
        {
          revision: 0,
          document: brokenFlow(),
        },
      );
      expect(saved.status).toBe(200);
      expect(saved.body.ok).toBe(false);
      expect(saved.body.problems).toEqual([
        expect.objectContaining({
          severity: 'error',
          code: 'missing-target',
          nodeId: 'start',
          path: 'edges.0',
        }),
      ]);
    });

    it('refuses a document that does not parse with 400 listing every problem, and keeps the draft', async () => {
      const flow = await createFlow('Guarded', playFlow('1'));
      const refused = await session.as.editor.put<ErrorView>(`/api/flows/${flow.id}/draft`, {
        revision: 0,
        document: {
          schemaVersion: 1,
          nodes: [
            { id: 'start', kind: 'start', options: {} },
            { id: 'bad id!', kind: 'hangup', options: {} },
            { id: 'x', kind: 'play', label: 'L'.repeat(81), options: { prompts: [] } },
          ],
          edges: [{ id: 'e1', source: 'start', port: 'next' }],
        },
      });
      expect(refused.status).toBe(400);
      expect(refused.body.problems?.map((problem) => problem.path)).toEqual([
        'body.document.nodes.1.id',
        'body.document.nodes.2.label',
        'body.document.nodes.2.options.prompts',
        'body.document.edges.0.target',
      ]);
      expect(refused.body.problems?.[1]).toMatchObject({ nodeId: 'x', code: 'invalid-field' });
      const read = await session.as.viewer.get<FlowView>(`/api/flows/${flow.id}`);
      expect(read.body.revision).toBe(0);
      const noRevision = await session.as.editor.put<ErrorView>(`/api/flows/${flow.id}/draft`, {
        document: playFlow('1'),
      });
      expect(noRevision.status).toBe(400);
      expect(noRevision.body.problems?.map((problem) => problem.path)).toEqual(['body.revision']);
      expect(
        (await session.as.editor.put('/api/flows/nope/draft', { revision: 0, document: playFlow('1') }))
          .status,
      ).toBe(404);
    });
  });

  describe('validating', () => {
    it('validates the stored draft', async () => {
      const good = await createFlow('Valid', menuFlow());
      const ok = await session.as.editor.post<Validation>(`/api/flows/${good.id}/validate`);
      expect(ok.status).toBe(200);
      expect(ok.body).toEqual({ ok: true, problems: [] });
      const bad = await createFlow('Invalid', brokenFlow());
      const notOk = await session.as.editor.post<Validation>(`/api/flows/${bad.id}/validate`);
      expect(notOk.body.ok).toBe(false);
      expect(notOk.body.problems).toEqual([
        {
          severity: 'error',
          code: 'missing-target',
          message: 'Start › “Next” leads to a node that is not in the flow: connect it again',
          nodeId: 'start',
          edgeId: 'e1',
          path: 'edges.0',
        },
      ]);
      expect((await session.as.editor.post('/api/flows/nope/validate')).status).toBe(404);
    });

    it('validates any document without storing it', async () => {
      const before = await catalogCounts(session.api);
      const ok = await session.as.editor.post<Validation>('/api/flows/validate', menuFlow());
      expect(ok.body).toEqual({ ok: true, problems: [] });
      const warned = await session.as.editor.post<Validation>('/api/flows/validate', {
        schemaVersion: 1,
        nodes: [
          { id: 'start', kind: 'start', options: {} },
          { id: 'lonely', kind: 'hangup', options: {} },
        ],
        edges: [],
      });
      expect(warned.body.ok).toBe(true);
      expect(warned.body.problems.map((problem) => problem.code).sort()).toEqual([
        'unconnected-port',
        'unreachable',
      ]);
      const junk = await session.as.editor.post<Validation>('/api/flows/validate', { nodes: 'none' });
      expect(junk.status).toBe(200);
      expect(junk.body.ok).toBe(false);
      expect(junk.body.problems.map((problem) => problem.path)).toEqual(['schemaVersion', 'nodes', 'edges']);
      expect(await catalogCounts(session.api)).toEqual(before);
    });
  });

  describe('deleting', () => {
    it('deletes a flow with its versions and records who did it', async () => {
      const flow = await createFlow('Doomed', menuFlow());
      await session.as.editor.post(`/api/flows/${flow.id}/versions`, {});
      const deleted = await session.as.editor.delete(`/api/flows/${flow.id}`);
      expect(deleted.status).toBe(204);
      expect((await session.as.viewer.get(`/api/flows/${flow.id}`)).status).toBe(404);
      expect(await session.api.db.prisma.flowVersion.count({ where: { flowId: flow.id } })).toBe(0);
      const audit = await session.api.db.prisma.auditEvent.findFirst({ where: { target: flow.id } });
      expect(audit).toMatchObject({ actor: session.as.editor.username, action: 'flow_delete' });
      expect(JSON.parse(audit?.details ?? '{}')).toEqual({ name: 'Doomed', versions: 1 });
      expect((await session.as.editor.delete(`/api/flows/${flow.id}`)).status).toBe(404);
    });

    it('refuses while an extension runs it, naming the extensions, until they are unpublished', async () => {
      const flow = await createFlow('Live one', menuFlow());
      for (const extension of ['7101', '7102'])
        expect(
          (await session.as.editor.put(`/api/publications/${extension}`, { flowId: flow.id })).status,
        ).toBe(200);
      const before = await catalogCounts(session.api);
      const refused = await session.as.editor.delete<ErrorView>(`/api/flows/${flow.id}`);
      expect(refused.status).toBe(409);
      expect(refused.body).toEqual({
        error: 'flow_published',
        extensions: ['7101', '7102'],
        message: 'flow "Live one" is live on extensions 7101, 7102; unpublish them first',
      });
      expect(await catalogCounts(session.api)).toEqual(before);
      await session.as.editor.delete('/api/publications/7101');
      const stillLive = await session.as.editor.delete<ErrorView>(`/api/flows/${flow.id}`);
      expect(stillLive.body.message).toBe('flow "Live one" is live on extension 7102; unpublish it first');
      await session.as.editor.delete('/api/publications/7102');
      expect((await session.as.editor.delete(`/api/flows/${flow.id}`)).status).toBe(204);
    });
  });
});
