import { describe, expect, it } from 'vitest';
import {
  catalogCounts,
  type ErrorView,
  type FlowView,
  halfEditedMenu,
  menuFlow,
  playFlow,
  useFlowTestSession,
} from './flowTestSession.ts';
import { testEngines } from './startTestApi.ts';

interface SavedDraft {
  revision: number;
  ok: boolean;
  problems: { severity: string; code: string; nodeId: string | null; path: string; message: string }[];
}

/** Options nested `levels` deep: `{ a: { a: … } }`. */
function nested(levels: number): Record<string, unknown> {
  let value: Record<string, unknown> = {};
  for (let level = 0; level < levels; level++) value = { a: value };
  return value;
}

describe.each(testEngines())('drafts with invalid fields on %s', (engine) => {
  const session = useFlowTestSession(engine);

  async function createFlow(name: string, document: unknown): Promise<FlowView> {
    const created = await session.as.editor.post<FlowView>('/api/flows', { name, document });
    expect(created.status).toBe(201);
    return created.body;
  }

  it('stores a draft with a cleared required field and an out-of-range timeout as it is, with its problems', async () => {
    const flow = await createFlow('Half edited', menuFlow());
    const draft = halfEditedMenu();
    const saved = await session.as.editor.put<SavedDraft>(`/api/flows/${flow.id}/draft`, {
      revision: 0,
      document: draft,
    });
    expect(saved.status).toBe(200);
    expect(saved.body.revision).toBe(1);
    expect(saved.body.ok).toBe(false);
    expect(saved.body.problems.map((problem) => [problem.nodeId, problem.path, problem.severity])).toEqual([
      ['menu', 'nodes.2.options.prompts', 'error'],
      ['menu', 'nodes.2.options.timeoutSeconds', 'error'],
    ]);

    // Another browser reloads exactly what was saved: the cleared field and the 9999 included.
    const read = await session.as.viewer.get<FlowView>(`/api/flows/${flow.id}`);
    expect(read.status).toBe(200);
    expect(read.body.revision).toBe(1);
    const menu = read.body.document.nodes.find((node) => node.id === 'menu');
    expect(menu?.options).toMatchObject({ prompts: [], timeoutSeconds: 9999 });
    // As it was sent: only a node's missing label and position are filled in, never its settings.
    expect(read.body.document.nodes.map((node) => node.options)).toEqual(
      draft.nodes.map((node) => node.options),
    );
    expect(read.body.document.edges).toEqual(draft.edges);

    const validated = await session.as.editor.post<SavedDraft>(`/api/flows/${flow.id}/validate`);
    expect(validated.body.ok).toBe(false);
    expect(validated.body.problems.map((problem) => problem.path)).toEqual([
      'nodes.2.options.prompts',
      'nodes.2.options.timeoutSeconds',
    ]);
  });

  it('refuses to make a version of it or publish it, with its field problems, and changes nothing', async () => {
    const flow = await createFlow('Not ready', playFlow('1'));
    const live = await session.as.editor.put(`/api/publications/7301`, { flowId: flow.id });
    expect(live.status).toBe(200);
    const draft = structuredClone(playFlow('1')) as unknown as { nodes: Record<string, unknown>[] };
    const say = draft.nodes[1];
    if (say === undefined) throw new Error('the play flow has no play node');
    say.options = { prompts: [{ type: 'digits', value: '' }] };
    const saved = await session.as.editor.put<SavedDraft>(`/api/flows/${flow.id}/draft`, {
      revision: 0,
      document: draft,
    });
    expect(saved.status).toBe(200);
    expect(saved.body.ok).toBe(false);
    const before = await catalogCounts(session.api);

    const version = await session.as.editor.post<ErrorView>(`/api/flows/${flow.id}/versions`, {});
    expect(version.status).toBe(422);
    expect(version.body.error).toBe('invalid_flow');
    expect(version.body.problems).toEqual([
      expect.objectContaining({ nodeId: 'say', path: 'nodes.1.options.prompts.0.value' }),
    ]);
    const published = await session.as.editor.put<ErrorView>(`/api/publications/7301`, { flowId: flow.id });
    expect(published.status).toBe(422);
    expect(published.body.error).toBe('invalid_flow');
    expect(published.body.problems).toEqual([
      expect.objectContaining({ nodeId: 'say', path: 'nodes.1.options.prompts.0.value' }),
    ]);
    expect(await catalogCounts(session.api)).toEqual(before);
    // What callers hear is still version 1.
    const read = await session.as.viewer.get<FlowView>(`/api/flows/${flow.id}`);
    expect(read.body.publications).toMatchObject([{ extension: '7301', version: 1 }]);
  });

  it('creates a flow from a draft with field problems', async () => {
    const flow = await createFlow('Started half done', halfEditedMenu());
    expect(flow.document.nodes[2]?.options).toEqual(halfEditedMenu().nodes[2]?.options);
  });

  it('refuses a draft whose node settings nest too deep, naming the node and the field', async () => {
    const flow = await createFlow('Deep', playFlow('1'));
    const draft = structuredClone(playFlow('1')) as unknown as { nodes: Record<string, unknown>[] };
    const say = draft.nodes[1];
    if (say === undefined) throw new Error('the play flow has no play node');
    say.options = { prompts: [], junk: nested(9) };
    const refused = await session.as.editor.put<ErrorView>(`/api/flows/${flow.id}/draft`, {
      revision: 0,
      document: draft,
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toBe('invalid_request');
    expect(refused.body.problems).toContainEqual(
      expect.objectContaining({
        nodeId: 'say',
        path: 'body.document.nodes.1.options',
        message: expect.stringMatching(/settings of a node never nest more than 10 levels deep/),
      }),
    );
    // One level less is a draft like any other.
    say.options = { prompts: [], junk: nested(8) };
    const kept = await session.as.editor.put<SavedDraft>(`/api/flows/${flow.id}/draft`, {
      revision: 0,
      document: draft,
    });
    expect(kept.status).toBe(200);
    expect(kept.body.ok).toBe(false);
  });

  it('refuses a draft with too many nodes or an unknown node kind, and keeps the stored draft', async () => {
    const flow = await createFlow('Huge', playFlow('1'));
    const nodes = Array.from({ length: 5001 }, (_, index) => ({
      id: `n${index}`,
      kind: 'hangup',
      options: {},
    }));
    const tooMany = await session.as.editor.put<ErrorView>(`/api/flows/${flow.id}/draft`, {
      revision: 0,
      document: { schemaVersion: 1, nodes, edges: [] },
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.problems).toEqual([
      expect.objectContaining({ path: 'body.document.nodes', message: expect.stringMatching(/5,?000/) }),
    ]);
    const unknownKind = await session.as.editor.put<ErrorView>(`/api/flows/${flow.id}/draft`, {
      revision: 0,
      document: {
        schemaVersion: 1,
        nodes: [
          { id: 'start', kind: 'start', options: {} },
          { id: 'beam', kind: 'teleport', options: {} },
        ],
        edges: [],
      },
    });
    expect(unknownKind.status).toBe(400);
    expect(unknownKind.body.problems).toEqual([
      expect.objectContaining({ nodeId: 'beam', path: 'body.document.nodes.1.kind' }),
    ]);
    const read = await session.as.viewer.get<FlowView>(`/api/flows/${flow.id}`);
    expect(read.body.revision).toBe(0);
    expect(read.body.document.nodes).toHaveLength(3);
  });
});
