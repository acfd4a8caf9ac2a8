// Library prompts in published flows, over HTTP on each database: a version plays the audio it was
// published with after the prompt is edited, the publish dialog learns what changed, where a prompt is
// used, a prompt a live version plays cannot be deleted, and validation knows the library.

import { maxPromptUploadBytes } from '@callflow/contract';
import { readVersionAudio } from '@callflow/db';
import type { FlowDocumentInput, Prompt } from '@callflow/flow';
import { maxAudioUploadBytes } from '@callflow/media';
import { makeTestAudio } from '@callflow/media/testing';
import { describe, expect, it } from 'vitest';
import { type ErrorView, type FlowView, type ProblemView, useFlowTestSession } from './flowTestSession.ts';
import { type PromptView, uploadAudio } from './promptRequests.ts';
import { testEngines } from './startTestApi.ts';

/** Start (in `language`) → play → hang up. */
function playing(prompts: Prompt[], language = 'en'): FlowDocumentInput {
  return {
    schemaVersion: 1,
    nodes: [
      { id: 'start', kind: 'start', options: { language } },
      { id: 'greet', kind: 'play', label: 'Greeting', options: { prompts } },
      { id: 'bye', kind: 'hangup', options: {} },
    ],
    edges: [
      { id: 'e1', source: 'start', port: 'next', target: 'greet' },
      { id: 'e2', source: 'greet', port: 'next', target: 'bye' },
      { id: 'e3', source: 'greet', port: 'error', target: 'bye' },
    ],
  };
}

interface PromptChangesView {
  extension: string;
  liveVersion: { flowId: string; flowName: string; number: number } | null;
  changes: { promptId: string; name: string; changed: string[]; added: string[]; removed: string[] }[];
}

interface PromptDetailView extends PromptView {
  usage: {
    drafts: { flowId: string; flowName: string }[];
    versions: { flowId: string; flowName: string; number: number; languages: string[]; liveOn: string[] }[];
    liveOn: string[];
  };
}

it('takes uploads up to exactly the size the editor checks before sending', () => {
  expect(maxPromptUploadBytes).toBe(maxAudioUploadBytes);
});

describe.each(testEngines())('library prompts in published flows on %s', { timeout: 60_000 }, (engine) => {
  const session = useFlowTestSession(engine);

  async function promptWithAudio(name: string, seconds: number): Promise<PromptView> {
    const { editor } = session.as;
    const created = await editor.post<PromptView>('/api/prompts', { name });
    const tone = await makeTestAudio({ format: 'mp3', segments: [{ kind: 'tone', seconds }] });
    const uploaded = await uploadAudio(
      session.api,
      editor,
      `/api/prompts/${created.body.id}/audio/en`,
      tone,
      'audio/mpeg',
    );
    expect(uploaded.status).toBe(200);
    return uploaded.body as unknown as PromptView;
  }

  async function newFlow(name: string, document: FlowDocumentInput): Promise<FlowView> {
    const created = await session.as.editor.post<FlowView>('/api/flows', { name, document });
    expect(created.status).toBe(201);
    return created.body;
  }

  it('plays what it was published with after the prompt is edited, and tells the publish dialog what changed', async () => {
    const { editor, viewer } = session.as;
    const prompt = await promptWithAudio('Welcome', 1);
    const firstHash = prompt.audio[0]?.hash;
    const flow = await newFlow('Pinned greeting', playing([{ type: 'library', promptId: prompt.id }]));
    const published = await editor.put<{ versionId: string }>('/api/publications/7201', { flowId: flow.id });
    expect(published.status).toBe(200);
    const pinned = () => readVersionAudio(session.api.db.sql, published.body.versionId);
    expect(await pinned()).toEqual([
      { kind: 'prompt', key: prompt.id, language: 'en', audioHash: firstHash },
    ]);
    const changes = () =>
      viewer.get<PromptChangesView>(`/api/flows/${flow.id}/prompt-changes?extension=7201`);
    expect((await changes()).body).toEqual({
      extension: '7201',
      liveVersion: { flowId: flow.id, flowName: 'Pinned greeting', number: 1 },
      changes: [],
    });

    // A new recording in English and a first one in Russian.
    const longer = await makeTestAudio({ format: 'mp3', segments: [{ kind: 'tone', seconds: 2 }] });
    await uploadAudio(session.api, editor, `/api/prompts/${prompt.id}/audio/en`, longer, 'audio/mpeg');
    await uploadAudio(session.api, editor, `/api/prompts/${prompt.id}/audio/ru`, longer, 'audio/mpeg');
    const now = (await viewer.get<PromptView>(`/api/prompts/${prompt.id}`)).body.audio;
    expect(now.find((audio) => audio.language === 'en')?.hash).not.toBe(firstHash);
    expect(await pinned()).toEqual([
      { kind: 'prompt', key: prompt.id, language: 'en', audioHash: firstHash },
    ]);
    expect(await session.api.db.prisma.audio.count({ where: { hash: firstHash ?? '' } })).toBe(1);
    expect((await changes()).body.changes).toEqual([
      { promptId: prompt.id, name: 'Welcome', changed: ['en'], added: ['ru'], removed: [] },
    ]);
    expect((await viewer.get(`/api/flows/${flow.id}/prompt-changes?extension=not-one`)).status).toBe(400);
    expect((await viewer.get(`/api/flows/no-such-flow/prompt-changes?extension=7201`)).status).toBe(404);

    // Publishing again pins the new audio: nothing is left to tell.
    expect((await editor.put('/api/publications/7201', { flowId: flow.id })).status).toBe(200);
    expect((await changes()).body.changes).toEqual([]);
  });

  it('says where a prompt is used and refuses to delete it while a live version plays it', async () => {
    const { editor, viewer } = session.as;
    const prompt = await promptWithAudio('Menu intro', 1);
    const flow = await newFlow('Uses the intro', playing([{ type: 'library', promptId: prompt.id }]));
    expect((await editor.put('/api/publications/7202', { flowId: flow.id })).status).toBe(200);
    const detail = await viewer.get<PromptDetailView>(`/api/prompts/${prompt.id}`);
    expect(detail.body.usage).toEqual({
      drafts: [{ flowId: flow.id, flowName: 'Uses the intro' }],
      versions: [
        { flowId: flow.id, flowName: 'Uses the intro', number: 1, languages: ['en'], liveOn: ['7202'] },
      ],
      liveOn: ['7202'],
    });

    const refused = await editor.delete<ErrorView>(`/api/prompts/${prompt.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: 'prompt_in_use', extensions: ['7202'] });
    expect(refused.body.message).toContain('"Menu intro"');
    expect((await viewer.get(`/api/prompts/${prompt.id}`)).status).toBe(200);

    expect((await editor.delete('/api/publications/7202')).status).toBe(200);
    expect((await editor.delete(`/api/prompts/${prompt.id}`)).status).toBe(204);
    // The draft still names it: validation says so, on the node that plays it.
    const validation = await editor.post<{ ok: boolean; problems: ProblemView[] }>(
      `/api/flows/${flow.id}/validate`,
    );
    expect(validation.body.ok).toBe(false);
    expect(validation.body.problems).toContainEqual(
      expect.objectContaining({
        code: 'unknown-prompt',
        nodeId: 'greet',
        path: 'nodes.1.options.prompts.0.promptId',
      }),
    );
    const publishAgain = await editor.put<ErrorView>('/api/publications/7202', { flowId: flow.id });
    expect(publishAgain.status).toBe(422);
    expect(publishAgain.body.error).toBe('invalid_flow');
  });

  it('warns in the draft about a prompt without audio in a language the flow plays', async () => {
    const { editor } = session.as;
    const prompt = await promptWithAudio('English only', 1);
    const flow = await newFlow('Russian callers', playing([{ type: 'library', promptId: prompt.id }], 'ru'));
    const saved = await editor.put<{ ok: boolean; problems: ProblemView[] }>(`/api/flows/${flow.id}/draft`, {
      revision: 0,
      document: playing([{ type: 'library', promptId: prompt.id }], 'ru'),
    });
    expect(saved.status).toBe(200);
    expect(saved.body.ok).toBe(true);
    expect(saved.body.problems).toContainEqual(
      expect.objectContaining({ code: 'prompt-missing-language', nodeId: 'greet', severity: 'warning' }),
    );
  });

  it('pins a static say text rendered at publishing, and renders each text once', async () => {
    const { editor } = session.as;
    const say: Prompt = {
      type: 'say',
      text: 'Welcome to the help line.',
      language: null,
      voice: null,
      translations: [],
    };
    const flow = await newFlow('Spoken welcome', playing([say]));
    const published = await editor.put<{ versionId: string }>('/api/publications/7203', { flowId: flow.id });
    expect(published.status).toBe(200);
    const [row] = await readVersionAudio(session.api.db.sql, published.body.versionId);
    expect(row).toMatchObject({ kind: 'speech', language: 'en' });
    const audioRows = await session.api.db.prisma.audio.count();
    const second = await editor.post<{ id: string }>(`/api/flows/${flow.id}/versions`, { note: 'again' });
    expect(second.status).toBe(201);
    expect(await readVersionAudio(session.api.db.sql, second.body.id)).toEqual([row]);
    expect(await session.api.db.prisma.audio.count()).toBe(audioRows);
  });
});
