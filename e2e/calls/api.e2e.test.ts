import {
  callDetailSchema,
  callListResponseSchema,
  callRecordingListResponseSchema,
  flowDetail,
  publicationListResponse,
  runtimeStatusResponseSchema,
} from '@callflow/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiSession } from '../harness/ApiSession.ts';
import { flow } from '../harness/flowBuilder.ts';
import { type ProductApi, startProductApi } from '../harness/startProductApi.ts';
import { useCallflow } from '../harness/useCallflow.ts';
import { ensureSandbox } from '../lib/sandbox.ts';
import { placeCall } from '../lib/sipp/placeCall.ts';

const adminPassword = 'e2e-admin-password';

/** The Asterisk server by a name of the administrator's: its address is then nowhere in what is shown. */
const SERVER_NAME = 'main-office';

describe('the API in front of a real call', () => {
  // Filled before the runtime starts (this hook runs before useCallflow's), shared by runtime and API.
  const serverSettings: Record<string, string> = {};
  beforeAll(async () => {
    const ari = await ensureSandbox();
    serverSettings.ARI_SERVERS = JSON.stringify([
      { name: SERVER_NAME, url: ari.ariUrl, username: ari.username, password: ari.password },
    ]);
  });
  const harness = useCallflow(serverSettings);
  let api: ProductApi;
  /** The API as the browser uses it, keeping every answer to look for what must never be in one. */
  let browser: ApiSession;

  beforeAll(async () => {
    // The harness migrated its database; the API shares it, like `npm start`.
    api = await startProductApi(harness.db, { CALLFLOW_ADMIN_PASSWORD: adminPassword, ...serverSettings });
    browser = await ApiSession.logInAsFirstAdmin(api.url, adminPassword, `${adminPassword}-chosen`);
  });

  afterAll(async () => {
    await api?.close();
  });

  it('publishes a flow, sees the runtime apply it, and shows the call with its recording', async () => {
    const created = await browser.request('POST', '/api/flows', {
      name: 'Voicemail',
      document: flow(
        [
          { id: 'start', kind: 'start' },
          { id: 'answer', kind: 'answer' },
          {
            id: 'voicemail',
            kind: 'record',
            options: { nameTemplate: 'e2e-api/{{call.id}}', maxDurationSeconds: 3, maxSilenceSeconds: 0 },
          },
          { id: 'bye', kind: 'hangup' },
        ],
        ['start.next -> answer', 'answer.next -> voicemail', 'voicemail.next -> bye'],
      ),
    });
    expect(created.status).toBe(201);
    const flowId = flowDetail.parse(created.json).id;

    const published = await browser.request('PUT', '/api/publications/7951', { flowId, note: 'first' });
    expect(published.status).toBe(200);
    await harness.waitUntil(
      async () => {
        const list = publicationListResponse.parse((await browser.request('GET', '/api/publications')).json);
        return list.publications.some((p) => p.extension === '7951' && p.applied === true);
      },
      5000,
      'the API to report that the runtime serves extension 7951',
    );
    // `applied` says the runtime loaded the version; its app may still be registering on Asterisk
    // (the status row is written on both changes), so the registration is waited for on its own.
    await harness.waitUntil(
      async () => {
        const status = runtimeStatusResponseSchema.parse(
          (await browser.request('GET', '/api/runtime/status')).json,
        );
        const server = status.servers[0];
        return server?.connected === true && server.apps.includes('callflow-7951');
      },
      5000,
      'the runtime status to show the app of extension 7951 registered',
    );

    const call = await placeCall({
      extension: '7951',
      script: [{ pauseMs: 300 }, { audioMs: 4000 }],
      expectRemoteHangup: true,
    });
    expect(call.ok, call.errors ?? call.stderr).toBe(true);

    let callId = '';
    await harness.waitUntil(
      async () => {
        const list = callListResponseSchema.parse(
          (await browser.request('GET', '/api/calls?extension=7951')).json,
        );
        callId = list.items.find((item) => item.outcome === 'completed')?.id ?? '';
        return callId !== '';
      },
      10_000,
      'the call to appear in the API as completed',
    );
    const detail = callDetailSchema.parse((await browser.request('GET', `/api/calls/${callId}`)).json);
    expect(detail.steps.map((step) => `${step.nodeId}:${step.port}`)).toEqual([
      'start:next',
      'answer:next',
      'voicemail:next',
      'bye:ended',
    ]);

    const recordings = callRecordingListResponseSchema.parse(
      (await browser.request('GET', `/api/calls/${callId}/recordings`)).json,
    );
    expect(recordings.items).toEqual([
      expect.objectContaining({ name: `e2e-api/${callId}`, available: true }),
    ]);
    const file = await browser.request('GET', recordings.items[0]?.fileUrl ?? '');
    expect(file.status).toBe(200);
    expect(file.bytes.subarray(0, 4).toString()).toBe('RIFF');

    // What the browser was shown of the flow, the publication, the runtime and the call says nothing of
    // how to reach Asterisk: not its ARI address, user or password; the server is shown by its name.
    for (const path of ['/api/runtime/status', '/api/publications', '/api/calls', `/api/calls/${callId}`])
      expect((await browser.request('GET', path)).status, path).toBe(200);
    const ari = await ensureSandbox();
    const ariAddress = new URL(ari.ariUrl).host;
    expect(browser.answers.length).toBeGreaterThan(10);
    expect(browser.answers.find((answer) => answer.path === '/api/runtime/status')?.text).toContain(
      SERVER_NAME,
    );
    for (const answer of browser.answers) {
      expect(answer.text, answer.path).not.toContain(ari.password);
      expect(answer.text, answer.path).not.toContain(ariAddress);
      expect(answer.text, answer.path).not.toMatch(
        new RegExp(`"${ari.username}"|${ari.username}:|${ari.username}@`),
      );
    }
  });

  it('lists the sounds the real Asterisk has, by name with their languages', async () => {
    const answer = await browser.request('GET', '/api/sounds');
    expect(answer.status).toBe(200);
    const { sounds } = z
      .object({
        sounds: z.array(
          z.object({ name: z.string(), text: z.string().nullable(), languages: z.array(z.string()) }),
        ),
      })
      .parse(answer.json);
    // Asterisk's own list, asked directly: the API shows each of its sounds once, with its languages.
    const asterisk = z
      .array(z.object({ id: z.string(), formats: z.array(z.object({ language: z.string() })) }))
      .parse(await harness.ariGet('/sounds'));
    expect(asterisk.length).toBeGreaterThan(100);
    expect(sounds.map((sound) => sound.name).sort()).toEqual([...new Set(asterisk.map((s) => s.id))].sort());
    // The sounds the play tests use are there, in English.
    expect(sounds.find((sound) => sound.name === 'hello-world')?.languages).toContain('en');
    expect(sounds.find((sound) => sound.name === 'digits/1')?.languages).toContain('en');

    const english = z
      .object({ sounds: z.array(z.object({ name: z.string() })) })
      .parse((await browser.request('GET', '/api/sounds?language=en')).json);
    expect(english.sounds.length).toBe(sounds.length);
    expect((await browser.request('GET', '/api/sounds?language=xx')).json).toEqual({ sounds: [] });
  });
});
