import { toFlowExport } from '@callflow/flow';
import { describe, expect, it } from 'vitest';
import {
  catalogCounts,
  type ErrorView,
  type FlowView,
  halfEditedMenu,
  menuFlow,
  useFlowTestSession,
} from './flowTestSession.ts';
import { testEngines } from './startTestApi.ts';

interface ImportView {
  flow: FlowView;
  ok: boolean;
  problems: { severity: string; code: string; nodeId: string | null; path: string; message: string }[];
  warnings: unknown[];
}

// A draft may be saved with fields to fix (a required field cleared, a timeout out of range), and its
// export writes it as it is: importing that file must give the same draft back, as creating a flow
// with it would, never refuse what Callflow itself wrote.
describe.each(testEngines())('importing a draft with problems to fix, on %s', (engine) => {
  const session = useFlowTestSession(engine);

  async function upload(file: unknown): Promise<{ status: number; body: ImportView & ErrorView }> {
    return session.as.editor.post<ImportView & ErrorView>('/api/flows/import?onNameTaken=rename', file);
  }

  it('imports the export of a draft with a cleared field and a timeout of 9999 as that draft, with its problems, publishing nothing', async () => {
    const created = await session.as.editor.post<FlowView>('/api/flows', {
      name: 'Half done',
      document: menuFlow(),
    });
    const saved = await session.as.editor.put<{ ok: boolean }>(`/api/flows/${created.body.id}/draft`, {
      revision: 0,
      document: halfEditedMenu(),
    });
    expect(saved.body.ok).toBe(false);
    const original = await session.as.viewer.get<FlowView>(`/api/flows/${created.body.id}`);
    const exported = await fetch(`${session.api.url}/api/flows/${created.body.id}/export`, {
      headers: { cookie: session.as.viewer.cookie },
    });
    expect(exported.status).toBe(200);
    const file: unknown = await exported.json();

    const before = await catalogCounts(session.api);
    const imported = await upload(file);
    expect(imported.status).toBe(201);
    expect(imported.body.flow.name).toBe('Half done (2)');
    expect(imported.body.ok).toBe(false);
    // The problems a draft save gives, with paths into the file.
    expect(imported.body.problems.map((problem) => [problem.nodeId, problem.path, problem.severity])).toEqual(
      [
        ['menu', 'document.nodes.2.options.prompts', 'error'],
        ['menu', 'document.nodes.2.options.timeoutSeconds', 'error'],
      ],
    );
    expect(imported.body.warnings).toEqual([]);
    const copy = await session.as.viewer.get<FlowView>(`/api/flows/${imported.body.flow.id}`);
    expect(copy.body.document).toEqual(original.body.document);
    expect(copy.body).toMatchObject({ versionCount: 0, publications: [] });
    // One flow and its audit entry; no version, nothing live.
    expect(await catalogCounts(session.api)).toEqual({
      ...before,
      flows: (before.flows ?? 0) + 1,
      auditEvents: (before.auditEvents ?? 0) + 1,
    });
    const published = await session.as.editor.put<ErrorView>('/api/publications/7302', {
      flowId: imported.body.flow.id,
    });
    expect(published.status).toBe(422);
    expect(published.body.error).toBe('invalid_flow');
  });

  it('refuses a file whose flow is not even a draft, naming the field in words, and creates nothing', async () => {
    const before = await catalogCounts(session.api);
    const document = halfEditedMenu();
    const menu = document.nodes[2];
    if (menu === undefined) throw new Error('the menu flow has no menu');
    menu.kind = 'teleport';
    const refused = await upload(toFlowExport('Not a flow', document));
    expect(refused.status).toBe(400);
    expect(refused.body.message).toBe('the flow file was not imported; nothing was created');
    expect(refused.body.problems).toEqual([
      expect.objectContaining({ path: 'document.nodes.2.kind', nodeId: 'menu', code: 'unknown-kind' }),
    ]);
    expect(refused.body.problems?.[0]?.message).toMatch(
      /^The node “Main menu” is of a kind this Callflow does not have \(“teleport”\)/,
    );
    expect(await catalogCounts(session.api)).toEqual(before);
  });
});
