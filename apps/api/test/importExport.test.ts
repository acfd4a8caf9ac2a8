import { toFlowExport } from '@callflow/flow';
import { describe, expect, it } from 'vitest';
import {
  brokenFlow,
  catalogCounts,
  type ErrorView,
  type FlowView,
  menuFlow,
  type ProblemView,
  playFlow,
  useFlowTestSession,
} from './flowTestSession.ts';
import { testEngines } from './startTestApi.ts';

interface ImportView {
  flow: FlowView;
  ok: boolean;
  problems: ProblemView[];
  warnings: { code: string; path: string }[];
  schemaVersion: number;
}

describe.each(testEngines())('flow files on %s', (engine) => {
  const session = useFlowTestSession(engine);

  /** GET as the viewer, keeping the exact bytes. */
  async function download(path: string): Promise<{ status: number; text: string; headers: Headers }> {
    const response = await fetch(`${session.api.url}${path}`, {
      headers: { cookie: session.as.viewer.cookie },
    });
    return { status: response.status, text: await response.text(), headers: response.headers };
  }

  /** POST raw text as the editor. */
  async function upload(text: string, query = ''): Promise<{ status: number; body: ImportView & ErrorView }> {
    const response = await fetch(`${session.api.url}/api/flows/import${query}`, {
      method: 'POST',
      headers: { cookie: session.as.editor.cookie, 'content-type': 'application/json' },
      body: text,
    });
    return { status: response.status, body: (await response.json()) as ImportView & ErrorView };
  }

  async function createFlow(name: string, document: unknown): Promise<FlowView> {
    const created = await session.as.editor.post<FlowView>('/api/flows', { name, document });
    expect(created.status).toBe(201);
    return created.body;
  }

  /** Renames the flows named `name` ("<name> (given up)" and so on), so an import can take the name. */
  async function freeName(name: string): Promise<void> {
    const holders = await session.api.db.prisma.flow.findMany({ where: { name }, select: { id: true } });
    for (const [index, holder] of holders.entries()) {
      const renamed = await session.as.editor.patch(`/api/flows/${holder.id}`, {
        name: `${name} (given up ${index + 1}${Date.now()})`,
      });
      expect(renamed.status).toBe(200);
    }
  }

  describe('export', () => {
    it('downloads the draft as a flow file named after the flow', async () => {
      const flow = await createFlow('Sales & support', menuFlow());
      const file = await download(`/api/flows/${flow.id}/export`);
      expect(file.status).toBe(200);
      expect(file.headers.get('content-type')).toMatch(/^application\/json/);
      expect(file.headers.get('content-disposition')).toBe(
        `attachment; filename="Sales-support.callflow.json"; filename*=UTF-8''Sales%20%26%20support.callflow.json`,
      );
      // The same bytes as `callflow export` writes.
      expect(file.text).toBe(`${JSON.stringify(toFlowExport('Sales & support', flow.document), null, 2)}\n`);
      expect(JSON.parse(file.text)).toMatchObject({
        format: 'callflow.flow',
        schemaVersion: 1,
        name: 'Sales & support',
      });
    });

    it('downloads a version, whatever the draft has become since', async () => {
      const flow = await createFlow('Überweisung', playFlow('1'));
      await session.as.editor.post(`/api/flows/${flow.id}/versions`, {});
      await session.as.editor.put(`/api/flows/${flow.id}/draft`, { revision: 0, document: playFlow('2') });
      const file = await download(`/api/flows/${flow.id}/export?version=1`);
      expect(file.status).toBe(200);
      expect(file.headers.get('content-disposition')).toBe(
        `attachment; filename="berweisung-v1.callflow.json"; filename*=UTF-8''%C3%9Cberweisung-v1.callflow.json`,
      );
      const exported = JSON.parse(file.text) as { document: FlowView['document'] };
      expect(exported.document.nodes[1]?.options).toMatchObject({ prompts: [{ value: '1' }] });
      expect((await download(`/api/flows/${flow.id}/export?version=2`)).status).toBe(404);
      expect((await download(`/api/flows/${flow.id}/export?version=x`)).status).toBe(400);
      expect((await download('/api/flows/nope/export')).status).toBe(404);
    });
  });

  describe('round trip', () => {
    it('export → import → export gives the same bytes, for a draft and for a version', async () => {
      const flow = await createFlow('Round trip', menuFlow());
      await session.as.editor.post(`/api/flows/${flow.id}/versions`, { note: 'v1' });
      const files = [
        await download(`/api/flows/${flow.id}/export`),
        await download(`/api/flows/${flow.id}/export?version=1`),
      ];
      for (const first of files) {
        // The import takes the file's name, which must be free: the flow holding it gives it up.
        await freeName('Round trip');
        const imported = await upload(first.text);
        expect(imported.status).toBe(201);
        expect(imported.body.flow.id).not.toBe(flow.id);
        expect(imported.body.flow).toMatchObject({ name: 'Round trip', revision: 0, versionCount: 0 });
        const second = await download(`/api/flows/${imported.body.flow.id}/export`);
        expect(second.text).toBe(first.text);
      }
    });

    it('imports what a person wrote by hand (defaults left out) and exports it complete', async () => {
      const imported = await upload(JSON.stringify({ ...toFlowExport('Hand made', menuFlow()) }));
      expect(imported.status).toBe(201);
      expect(imported.body).toMatchObject({ warnings: [], schemaVersion: 1 });
      const exported = await download(`/api/flows/${imported.body.flow.id}/export`);
      await freeName('Hand made');
      const again = await upload(exported.text);
      const reexported = await download(`/api/flows/${again.body.flow.id}/export`);
      expect(reexported.text).toBe(exported.text);
      expect(JSON.parse(exported.text).document.nodes[2].options.timeoutSeconds).toBe(5);
    });
  });

  describe('import', () => {
    it('creates a flow with the file’s draft, records who imported it, and returns the warnings', async () => {
      const document = playFlow('1');
      document.nodes.push({ id: 'spare', kind: 'hangup', options: {} });
      const imported = await upload(JSON.stringify(toFlowExport('With spare', document)));
      expect(imported.status).toBe(201);
      expect(imported.body.warnings.map((warning) => [warning.code, warning.path])).toEqual([
        ['unreachable', 'document.nodes.3'],
      ]);
      const audit = await session.api.db.prisma.auditEvent.findFirst({
        where: { target: imported.body.flow.id },
      });
      expect(audit).toMatchObject({ actor: session.as.editor.username, action: 'import' });
      expect(JSON.parse(audit?.details ?? '{}')).toEqual({ name: 'With spare', schemaVersion: 1 });
    });

    it('takes the name from ?name=, which a bare flow document needs', async () => {
      const renamed = await upload(JSON.stringify(toFlowExport('Original', playFlow('1'))), '?name=Renamed');
      expect(renamed.body.flow.name).toBe('Renamed');
      const bare = await upload(JSON.stringify(playFlow('1')), '?name=Bare');
      expect(bare.status).toBe(201);
      expect(bare.body.flow.name).toBe('Bare');
      const nameless = await upload(JSON.stringify(playFlow('1')));
      expect(nameless.status).toBe(400);
      expect(nameless.body.problems).toEqual([
        {
          severity: 'error',
          code: 'invalid-file',
          message: 'The flow in this file has no name: give it a name when you import it',
          nodeId: null,
          edgeId: null,
          path: 'query.name',
        },
      ]);
    });

    it('lists every problem of a bad file, with paths into the file, and creates nothing', async () => {
      const before = await catalogCounts(session.api);
      const document = menuFlow();
      const nodes = document.nodes as unknown as Record<string, unknown>[];
      nodes[1] = { id: 'answer', kind: 'teleport', options: {} };
      const file = { format: 'callflow.flows', schemaVersion: 1, name: '', document, extra: true };
      const refused = await upload(JSON.stringify(file));
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({
        error: 'invalid_request',
        message: 'the flow file was not imported; nothing was created',
      });
      expect(refused.body.problems?.map((problem) => problem.path)).toEqual([
        'format',
        'name',
        '',
        'document.nodes.1.kind',
      ]);
      expect(refused.body.problems?.map((problem) => problem.message).slice(0, 3)).toEqual([
        'This is not a Callflow flow file: its “format” should be “callflow.flow”; export the flow again from Callflow',
        'The flow in this file has no name: give it one',
        'The file has a field that Callflow does not know (“extra”): remove it',
      ]);
      expect(refused.body.problems?.[3]).toMatchObject({ nodeId: 'answer', code: 'unknown-kind' });
      expect(await catalogCounts(session.api)).toEqual(before);
    });

    it('imports a flow with a broken connection as a draft with that problem, as creating one does', async () => {
      const graphErrors = await upload(JSON.stringify(toFlowExport('Broken', brokenFlow())));
      expect(graphErrors.status).toBe(201);
      expect(graphErrors.body.ok).toBe(false);
      expect(graphErrors.body.problems).toEqual([
        {
          severity: 'error',
          code: 'missing-target',
          message: 'Start › “Next” leads to a node that is not in the flow: connect it again',
          nodeId: 'start',
          edgeId: 'e1',
          path: 'document.edges.0',
        },
      ]);
      expect(graphErrors.body.flow.versionCount).toBe(0);
    });

    it('refuses a schemaVersion newer than it reads, or one that is not a version, clearly', async () => {
      const before = await catalogCounts(session.api);
      const newer = { ...toFlowExport('Future', { ...playFlow('1'), schemaVersion: 2 }), schemaVersion: 2 };
      const refused = await upload(JSON.stringify(newer));
      expect(refused.status).toBe(400);
      expect(refused.body.problems).toEqual([
        {
          severity: 'error',
          code: 'invalid-file',
          message:
            'This file was made for flow format 2 by a newer Callflow; this Callflow reads format 1: upgrade Callflow to open it',
          nodeId: null,
          edgeId: null,
          path: 'schemaVersion',
        },
      ]);
      for (const version of [0, -3, 1.5, '1', null]) {
        const bad = await upload(
          JSON.stringify({ ...toFlowExport('Odd', playFlow('1')), schemaVersion: version }),
        );
        expect(bad.status).toBe(400);
        expect(bad.body.problems?.map((problem) => problem.path)).toContain('schemaVersion');
      }
      const mismatch = await upload(
        JSON.stringify(toFlowExport('Mixed', { ...playFlow('1'), schemaVersion: 3 })),
      );
      expect(mismatch.body.problems).toEqual([
        expect.objectContaining({
          path: 'document.schemaVersion',
          message:
            'The flow in this file says it was made in flow format 3, but the file says format 1: export the flow again from Callflow',
        }),
      ]);
      expect(await catalogCounts(session.api)).toEqual(before);
    });

    it('refuses bodies that are not flow files at all', async () => {
      const before = await catalogCounts(session.api);
      for (const text of ['[]', '[1,2]', '{}', '{"format":"callflow.flow"}', '"just text"', '{"nodes":1}']) {
        const refused = await upload(text, '?name=x');
        expect(refused.status, text).toBe(400);
      }
      const empty = await upload('{}');
      expect(empty.body.problems?.map((problem) => problem.path)).toEqual([
        'format',
        'name',
        'document',
        'schemaVersion',
      ]);
      expect(
        (await session.as.viewer.post('/api/flows/import', toFlowExport('x', playFlow('1')))).status,
      ).toBe(403);
      expect(await catalogCounts(session.api)).toEqual(before);
    });
  });
});
