import type { FakeAriServer } from '@callflow/ari/testing';
import type { SpeechRequest } from '@callflow/flow/runtime';
import { type TestFlowDocument, testFlow } from '@callflow/flow/testing';
import { speechKey } from '@callflow/media';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Logger } from '../log/Logger.ts';
import { RuntimeMetrics } from '../metrics/RuntimeMetrics.ts';
import { parsePrometheusText } from '../metrics/testing/parsePrometheusText.ts';
import { publishedAppsOnFakeAri } from '../publications/testing/publishedAppsOnFakeAri.ts';
import { simulateCalls } from '../testing/simulateCalls.ts';
import { storePinnedVersion, type TestPin, testAudio } from '../testing/storePinnedVersion.ts';
import { useDatabaseAndFakeAri } from '../testing/useDatabaseAndFakeAri.ts';
import { waitUntil } from '../testing/waitUntil.ts';
import { PromptMedia } from './PromptMedia.ts';

const fixture = useDatabaseAndFakeAri('prompt-playback');
const silent = new Logger('error', {}, () => {});
const engine = { id: 'test-engine', voices: async () => [], render: async () => new Uint8Array() };
const rendered: string[] = [];
/** When set, renderings wait for it (a slow engine). */
let engineGate: Promise<void> | undefined;
let renderSignals: AbortSignal[] = [];
let media: PromptMedia;
let mediaUrl: string;
let metrics: RuntimeMetrics;

beforeAll(async () => {
  metrics = new RuntimeMetrics();
  media = new PromptMedia({
    sql: fixture.db.sql,
    engine,
    logger: silent,
    metrics,
    listen: { host: '127.0.0.1', port: 0 },
    url: undefined,
    libraryCacheBytes: 1024 * 1024,
    speechCacheBytes: 1024 * 1024,
    speechTimeoutMs: 5000,
    speechConcurrency: 2,
    // The engine "says" the text itself, so the test can tell renderings apart.
    render: async (request, signal) => {
      renderSignals.push(signal);
      await engineGate;
      signal.throwIfAborted();
      rendered.push(request.text);
      return { narrowband: Buffer.from(`RIFF ${request.text}`) };
    },
  });
  mediaUrl = (await media.start()) ?? '';
});
afterAll(() => media.close());

/** Start (the flow's default `language`) → answer → play `prompts` (in `playLanguage`, default the caller's) → hang up. */
const onePlay = (language: string, prompts: unknown[], playLanguage: string | null = null) =>
  testFlow(
    [
      { id: 'start', kind: 'start', options: { language } },
      { id: 'answer', kind: 'answer' },
      { id: 'play', kind: 'play', options: { prompts, language: playLanguage } },
      { id: 'bye', kind: 'hangup' },
    ],
    ['start -> answer -> play -> bye', 'play.error -> bye'],
  );
const greeting = { type: 'library', promptId: 'greeting' };
const sayNumber = {
  type: 'say',
  text: 'Your number is {{caller.number}}',
  language: null,
  voice: null,
  translations: [],
};

const playRequests = (server: FakeAriServer, channelId: string) =>
  server.requests.filter((request) => request.rawPath.startsWith(`/ari/channels/${channelId}/play/`));

/**
 * Publishes `document` with `pins` on `extension`, places a call on each of `channelIds` one after the
 * other, and returns the media each call played (the `media` of its play requests).
 */
async function playedOnCalls(
  extension: string,
  document: TestFlowDocument,
  pins: TestPin[],
  channelIds: string[],
): Promise<string[][]> {
  await storePinnedVersion(fixture.db, { extension, document, pins });
  const { apps, close } = publishedAppsOnFakeAri(fixture.db, fixture.server, { prompts: media });
  const calls = simulateCalls(fixture.server);
  try {
    await apps.poll();
    await vi.waitFor(() => expect(fixture.server.openSockets(`callflow-${extension}`)).toHaveLength(1));
    for (const channelId of channelIds) {
      calls.startCall(`callflow-${extension}`, channelId);
      // The flow hangs up after its play node (or its error outcome).
      await vi.waitFor(() => expect(calls.channels.has(channelId)).toBe(false), { timeout: 5000 });
    }
    return channelIds.map((channelId) =>
      playRequests(fixture.server, channelId).map((request) => request.query.get('media') ?? ''),
    );
  } finally {
    await close();
  }
}

async function served(uri: string): Promise<Buffer> {
  expect(uri.startsWith(`sound:${mediaUrl}/`)).toBe(true);
  const answer = await fetch(uri.slice('sound:'.length));
  expect(answer.status).toBe(200);
  return Buffer.from(await answer.arrayBuffer());
}

describe('prompts on a call (fake Asterisk, real media listener)', () => {
  it('plays a library prompt as sound:<media URL>/<hash>.wav in the language asked, and the media listener serves exactly the pinned bytes', async () => {
    const english = testAudio(1);
    const russian = testAudio(2);
    const pins: TestPin[] = [
      { kind: 'prompt', key: 'greeting', language: 'en', audio: english },
      { kind: 'prompt', key: 'greeting', language: 'ru', audio: russian },
    ];
    const [played] = await playedOnCalls('6401', onePlay('en', [greeting], 'ru'), pins, ['pl-1']);
    expect(played).toEqual([`sound:${mediaUrl}/${russian.hash}.wav`]);
    expect((await served(played?.[0] ?? '')).equals(russian.narrowband)).toBe(true);
  });

  it('falls back to the flow’s default language, then to any language the prompt has', async () => {
    const french = testAudio(3);
    const pins: TestPin[] = [{ kind: 'prompt', key: 'greeting', language: 'fr_FR', audio: french }];
    const [played] = await playedOnCalls('6402', onePlay('en', [greeting]), pins, ['pl-2']);
    expect(played).toEqual([`sound:${mediaUrl}/${french.hash}.wav`]);
  });

  it('takes the play node’s error outcome, plays nothing, when the version pinned no audio for the prompt', async () => {
    const [played] = await playedOnCalls('6403', onePlay('en', [greeting]), [], ['pl-3']);
    expect(played).toEqual([]);
    const step = await waitUntil(
      'the call log step of the play node',
      () => fixture.db.prisma.callStep.findFirst({ where: { nodeId: 'play', call: { channelId: 'pl-3' } } }),
      (row) => row !== null,
    );
    expect(step).toMatchObject({
      port: 'error',
      error:
        'a prompt from the library has no audio in this version of the flow: give it a recording and publish the flow again',
    });
    // The call log is read by the flow's authors: no prompt id in it.
    expect(step?.error).not.toContain('greeting');
  });

  it('speaks a text with a variable at call time once: the second call with the same words plays the same URI without rendering', async () => {
    rendered.length = 0;
    const played = await playedOnCalls('6404', onePlay('en', [sayNumber]), [], ['pl-4', 'pl-5']);
    expect(rendered).toEqual(['Your number is 1001']);
    expect(played[0]).toHaveLength(1);
    expect(played[1]).toEqual(played[0]);
    expect((await served(played[0]?.[0] ?? '')).toString()).toBe('RIFF Your number is 1001');
    const scrape = parsePrometheusText(metrics.registry.render());
    expect(scrape.value('callflow_speech_prompts_total', { source: 'rendered' })).toBeGreaterThanOrEqual(1);
    expect(scrape.value('callflow_speech_prompts_total', { source: 'cache' })).toBeGreaterThanOrEqual(1);
    expect(scrape.value('callflow_media_requests_total', { result: 'served' })).toBeGreaterThanOrEqual(1);
  });

  it('plays the rendering a version pinned for a static text, without rendering', async () => {
    rendered.length = 0;
    const pinnedSpeech = testAudio(4);
    const request: SpeechRequest = { text: 'Welcome to the shop', language: 'en', voice: null };
    const pins: TestPin[] = [
      { kind: 'speech', key: speechKey(engine.id, request), language: 'en', audio: pinnedSpeech },
    ];
    const say = { ...sayNumber, text: 'Welcome to the shop' };
    const [played] = await playedOnCalls('6405', onePlay('en', [say]), pins, ['pl-6']);
    expect(played).toEqual([`sound:${mediaUrl}/${pinnedSpeech.hash}.wav`]);
    expect(rendered).toEqual([]);
    expect((await served(played?.[0] ?? '')).equals(pinnedSpeech.narrowband)).toBe(true);
  });

  it('a caller hanging up while the text is rendered cancels the rendering, plays nothing and leaves nothing cached', async () => {
    rendered.length = 0;
    renderSignals = [];
    let open = () => {};
    engineGate = new Promise((resolve) => {
      open = resolve;
    });
    const extension = '6406';
    const say = { ...sayNumber, text: 'Goodbye {{caller.number}}' };
    await storePinnedVersion(fixture.db, { extension, document: onePlay('en', [say]), pins: [] });
    const { apps, close } = publishedAppsOnFakeAri(fixture.db, fixture.server, { prompts: media });
    const calls = simulateCalls(fixture.server);
    const before = media.speech.cached;
    try {
      await apps.poll();
      await vi.waitFor(() => expect(fixture.server.openSockets(`callflow-${extension}`)).toHaveLength(1));
      calls.startCall(`callflow-${extension}`, 'pl-7');
      await vi.waitFor(() => expect(renderSignals).toHaveLength(1));
      calls.hangUp('pl-7');
      await vi.waitFor(() => expect(renderSignals[0]?.aborted).toBe(true));
      open();
      await vi.waitFor(() => expect(apps.activeCallCount).toBe(0));
      expect(playRequests(fixture.server, 'pl-7')).toEqual([]);
      expect(rendered).toEqual([]);
      expect(media.speech.cached).toEqual(before);
    } finally {
      engineGate = undefined;
      open();
      await close();
    }
  });
});
