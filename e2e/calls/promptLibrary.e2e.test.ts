import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { promptSummarySchema, publishResponse } from '@callflow/contract';
import { EspeakSpeechEngine, renderSpeech, wavDurationMs } from '@callflow/media';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiSession } from '../harness/ApiSession.ts';
import { pathOf } from '../harness/CallflowHarness.ts';
import { flow } from '../harness/flowBuilder.ts';
import { type ProductApi, startProductApi } from '../harness/startProductApi.ts';
import { useAriObserver } from '../harness/useAriObserver.ts';
import { useCallflow } from '../harness/useCallflow.ts';
import { asteriskCachedFile } from '../lib/asteriskCachedFile.ts';
import { ariEnvironment } from '../lib/processes.ts';
import { ensureSandbox, sandboxEnvironment } from '../lib/sandbox.ts';
import { placeCall } from '../lib/sipp/placeCall.ts';

const run = promisify(execFile);
const EXTENSION = '7611';
const ADMIN_PASSWORD = 'e2e-prompts-admin-1';
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * "Thank you for calling Acme" after a second of silence, as an MP3 file a person would upload, and
 * how long the words last.
 */
async function greetingMp3(folder: string): Promise<{ file: Buffer; spokenMs: number }> {
  const wav = join(folder, 'greeting.wav');
  const mp3 = join(folder, 'greeting.mp3');
  await run('espeak-ng', ['-v', 'en-us', '-w', wav, 'Thank you for calling Acme.']);
  await run('ffmpeg', [
    '-v',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    'anullsrc=r=44100:cl=stereo',
    '-i',
    wav,
    '-filter_complex',
    '[0]atrim=0:1[pad];[pad][1]concat=n=2:v=0:a=1',
    '-ar',
    '44100',
    mp3,
  ]);
  return { file: readFileSync(mp3), spokenMs: wavDurationMs(readFileSync(wav)) };
}

describe("the company's own voice on a real call", () => {
  const harness = useCallflow();
  const observer = useAriObserver();
  let api: ProductApi;
  let admin: ApiSession;
  let folder: string;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'callflow-prompts-'));
    api = await startProductApi(harness.db, {
      CALLFLOW_ADMIN_PASSWORD: ADMIN_PASSWORD,
      ...ariEnvironment(await ensureSandbox()),
      ...sandboxEnvironment(),
    });
    admin = await ApiSession.logInAsFirstAdmin(api.url, ADMIN_PASSWORD, `${ADMIN_PASSWORD}-chosen`);
  });
  afterAll(async () => {
    await api?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  async function createPrompt(name: string) {
    const created = await admin.request('POST', '/api/prompts', { name });
    expect(created.status, created.text).toBe(201);
    return promptSummarySchema.parse(created.json).id;
  }

  async function audioOf(
    promptId: string,
    language: string,
    answer: { status: number; json: unknown; text: string },
  ) {
    expect(answer.status, answer.text).toBe(200);
    const audio = promptSummarySchema.parse(answer.json).audio.find((item) => item.language === language);
    if (audio === undefined) throw new Error(`prompt ${promptId} has no ${language} audio`);
    return audio;
  }

  it('plays an uploaded greeting, a sentence with the caller\'s balance, and the menu in Russian after "2"', async () => {
    // The library, as a person builds it in the browser (the browser tests drive these same endpoints).
    const greeting = await createPrompt('Greeting');
    const upload = await greetingMp3(folder);
    const greetingEn = await audioOf(
      greeting,
      'en',
      await admin.upload(
        'PUT',
        `/api/prompts/${greeting}/audio/en?fileName=greeting.mp3`,
        upload.file,
        'audio/mpeg',
      ),
    );
    const greetingRu = await audioOf(
      greeting,
      'ru',
      await admin.request('PUT', `/api/prompts/${greeting}/speech/ru`, {
        text: 'Спасибо за звонок.',
        voice: null,
      }),
    );
    const menu = await createPrompt('Language menu');
    const menuEn = await audioOf(
      menu,
      'en',
      await admin.request('PUT', `/api/prompts/${menu}/speech/en`, {
        text: 'For English press 1. Для русского нажмите 2.',
        voice: null,
      }),
    );
    expect(greetingEn.source).toBe('upload');
    // The second of silence before the words is trimmed; the words are kept.
    expect(greetingEn.durationMs).toBeGreaterThan(upload.spokenMs * 0.6);
    expect(greetingEn.durationMs).toBeLessThan(upload.spokenMs + 300);

    const document = flow(
      [
        { id: 'start', kind: 'start', options: { language: 'en' } },
        { id: 'answer', kind: 'answer' },
        {
          id: 'balance',
          kind: 'setVariable',
          options: { name: 'balance', value: '42' },
        },
        {
          id: 'welcome',
          kind: 'play',
          options: {
            prompts: [
              { type: 'library', promptId: greeting },
              { type: 'say', text: 'Your balance is {{vars.balance}} dollars.' },
            ],
          },
        },
        {
          id: 'language',
          kind: 'menu',
          options: {
            prompts: [{ type: 'library', promptId: menu }],
            choices: [{ digit: '1' }, { digit: '2' }],
            timeoutSeconds: 5,
            retries: 0,
          },
        },
        { id: 'russian', kind: 'setLanguage', options: { language: 'ru' } },
        { id: 'again', kind: 'play', options: { prompts: [{ type: 'library', promptId: greeting }] } },
        { id: 'bye', kind: 'hangup' },
      ],
      [
        'start.next -> answer',
        'answer.next -> balance',
        'balance.next -> welcome',
        'welcome.next -> language',
        'language.1 -> bye',
        'language.2 -> russian',
        'russian.next -> again',
        'again.next -> bye',
      ],
    );
    const created = await admin.request('POST', '/api/flows', { name: 'Acme main line', document });
    expect(created.status, created.text).toBe(201);
    const flowId = z.object({ id: z.string() }).parse(created.json).id;
    const published = await admin.request('PUT', `/api/publications/${EXTENSION}`, { flowId });
    expect(published.status, published.text).toBe(200);
    publishResponse.parse(published.json);
    await harness.waitForApp(EXTENSION, true);

    const since = new Date();
    const call = await placeCall({
      extension: EXTENSION,
      script: [{ pauseMs: 9000 }, { dtmf: '2' }, { pauseMs: 6000 }],
      expectRemoteHangup: true,
    });
    expect(call.ok, call.errors ?? call.stderr).toBe(true);
    const logged = await harness.waitForCall(EXTENSION, since);
    expect(pathOf(logged)).toEqual([
      'start:next',
      'answer:next',
      'balance:next',
      'welcome:next',
      'language:2',
      'russian:next',
      'again:next',
      'bye:ended',
    ]);

    // What Asterisk played, seen on ARI independently of the runtime: the pinned audio, by hash.
    const played = observer.current.mediaPlayedTo(logged.channelId);
    const mediaUrl = /^sound:(http:\/\/[^ ]+)\/[0-9a-f]{64}\.wav$/.exec(played[0] ?? '')?.[1];
    expect(mediaUrl, played.join('\n')).toBeDefined();
    const spoken = await renderSpeech(new EspeakSpeechEngine(), {
      text: 'Your balance is 42 dollars.',
      language: 'en',
      voice: null,
    });
    const speechUrl = /^sound:(http:\/\/\S+\.wav)$/.exec(played[1] ?? '')?.[1];
    expect(played).toEqual([
      `sound:${mediaUrl}/${greetingEn.hash}.wav`,
      `sound:${speechUrl}`,
      `sound:${mediaUrl}/${menuEn.hash}.wav`,
      `sound:${mediaUrl}/${greetingRu.hash}.wav`,
    ]);
    // The sentence was spoken with the caller's balance in it: what Asterisk fetched is that rendering.
    expect(sha256(await asteriskCachedFile(speechUrl ?? ''))).toBe(spoken.hash);

    // The bytes Asterisk fetched are the upload as converted, as the library serves it to the browser.
    const file = await admin.request('GET', `/api/prompts/${greeting}/audio/en/file?format=wav`);
    expect(file.status).toBe(200);
    expect(sha256(file.bytes)).toBe(greetingEn.hash);
    expect(sha256(await asteriskCachedFile(`${mediaUrl}/${greetingEn.hash}.wav`))).toBe(greetingEn.hash);
    expect(sha256(await asteriskCachedFile(`${mediaUrl}/${greetingRu.hash}.wav`))).toBe(greetingRu.hash);
  });
});
