import { describe, expect, it } from 'vitest';
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

interface VersionView {
  id: string;
  number: number;
  note: string;
  author: string | null;
  schemaVersion: number;
  createdAt: string;
  liveOn: string[];
  document?: FlowView['document'];
}

describe.each(testEngines())('flow versions on %s', (engine) => {
  const session = useFlowTestSession(engine);

  async function createFlow(name: string, document: unknown): Promise<FlowView> {
    const created = await session.as.editor.post<FlowView>('/api/flows', { name, document });
    expect(created.status).toBe(201);
    return created.body;
  }

  it('snapshots the draft as numbered versions authored by the editor', async () => {
    const flow = await createFlow('Versioned', playFlow('1'));
    const first = await session.as.editor.post<VersionView>(`/api/flows/${flow.id}/versions`, {
      note: 'first cut',
    });
    expect(first.status).toBe(201);
    expect(first.body).toEqual({
      id: expect.any(String),
      number: 1,
      note: 'first cut',
      author: session.as.editor.username,
      schemaVersion: 1,
      createdAt: expect.any(String),
      liveOn: [],
    });
    await session.as.editor.put(`/api/flows/${flow.id}/draft`, { revision: 0, document: playFlow('2') });
    const second = await session.as.editor.post<VersionView>(`/api/flows/${flow.id}/versions`, {});
    expect(second.body).toMatchObject({ number: 2, note: '' });

    const list = await session.as.viewer.get<{ versions: VersionView[] }>(`/api/flows/${flow.id}/versions`);
    expect(list.status).toBe(200);
    expect(list.body.versions.map((version) => [version.number, version.note])).toEqual([
      [2, ''],
      [1, 'first cut'],
    ]);
    expect(list.body.versions[0]).not.toHaveProperty('document');

    const one = await session.as.viewer.get<VersionView>(`/api/flows/${flow.id}/versions/1`);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ number: 1, note: 'first cut' });
    expect(one.body.document?.nodes[1]?.options).toMatchObject({ prompts: [{ type: 'digits', value: '1' }] });

    const read = await session.as.viewer.get<FlowView>(`/api/flows/${flow.id}`);
    expect(read.body).toMatchObject({ versionCount: 2, latestVersion: 2, revision: 1 });
  });

  it('keeps versions immutable when the draft changes', async () => {
    const flow = await createFlow('Frozen', playFlow('1'));
    await session.as.editor.post(`/api/flows/${flow.id}/versions`, {});
    const before = await session.as.viewer.get<VersionView>(`/api/flows/${flow.id}/versions/1`);
    await session.as.editor.put(`/api/flows/${flow.id}/draft`, { revision: 0, document: menuFlow() });
    const after = await session.as.viewer.get<VersionView>(`/api/flows/${flow.id}/versions/1`);
    expect(after.body).toEqual(before.body);
  });

  it('refuses a draft with validation errors with 422 listing them, and creates nothing', async () => {
    const flow = await createFlow('Unfinished', brokenFlow());
    const before = await catalogCounts(session.api);
    const refused = await session.as.editor.post<ErrorView>(`/api/flows/${flow.id}/versions`, { note: 'x' });
    expect(refused.status).toBe(422);
    expect(refused.body).toEqual({
      error: 'invalid_flow',
      message: 'the draft of flow "Unfinished" has 1 error; fix it first',
      problems: [
        {
          severity: 'error',
          code: 'missing-target',
          message: 'Start › “Next” leads to a node that is not in the flow: connect it again',
          nodeId: 'start',
          edgeId: 'e1',
          path: 'edges.0',
        },
      ],
    });
    expect(await catalogCounts(session.api)).toEqual(before);
  });

  it('refuses with 409 when the draft moved past the revision the editor saw', async () => {
    const flow = await createFlow('Moving', playFlow('1'));
    await session.as.editor.put(`/api/flows/${flow.id}/draft`, { revision: 0, document: playFlow('2') });
    const stale = await session.as.editor.post<ErrorView>(`/api/flows/${flow.id}/versions`, { revision: 0 });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ error: 'stale_revision', currentRevision: 1 });
    const current = await session.as.editor.post<VersionView>(`/api/flows/${flow.id}/versions`, {
      revision: 1,
    });
    expect(current.status).toBe(201);
  });

  it('numbers simultaneous snapshots without gaps or duplicates', async () => {
    const flow = await createFlow('Busy', playFlow('1'));
    const created = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        session.as.editor.post<VersionView>(`/api/flows/${flow.id}/versions`, { note: `n${i}` }),
      ),
    );
    expect(created.map((response) => response.status)).toEqual([201, 201, 201, 201, 201, 201]);
    expect(created.map((response) => response.body.number).sort()).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('answers 404 for unknown flows and versions, 400 for a number that is not one', async () => {
    const flow = await createFlow('Lonely', playFlow('1'));
    const missing = await session.as.viewer.get<ErrorView>(`/api/flows/${flow.id}/versions/3`);
    expect(missing.status).toBe(404);
    expect(missing.body.message).toBe('version 3 of flow "Lonely" does not exist');
    expect((await session.as.viewer.get('/api/flows/nope/versions')).status).toBe(404);
    expect((await session.as.viewer.get('/api/flows/nope/versions/1')).status).toBe(404);
    expect((await session.as.editor.post('/api/flows/nope/versions', {})).status).toBe(404);
    for (const bad of ['0', 'abc', '1.5', '99999999999']) {
      const refused = await session.as.viewer.get<ErrorView>(`/api/flows/${flow.id}/versions/${bad}`);
      expect(refused.status).toBe(400);
      expect(refused.body.problems?.[0]?.path).toBe('params.number');
    }
    expect((await session.as.viewer.post(`/api/flows/${flow.id}/versions`, {})).status).toBe(403);
  });
});
