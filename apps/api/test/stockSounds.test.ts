// Asterisk's own sounds over HTTP, read from a sounds folder made here (Debian's layout: the language
// folder an absolute symlink, the texts in the docs folder): searchable by what they say, with their
// length, and each to listen to; names that would leave the folder are refused before any file is read.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorView } from './flowTestSession.ts';
import { loginAs, type RoleClients, testAdminEnv } from './loginAs.ts';
import { fileAnswer, wavFormat } from './promptRequests.ts';
import { startTestApi, type TestApi } from './startTestApi.ts';

interface StockSoundView {
  name: string;
  language: string;
  text: string | null;
  durationMs: number | null;
  format: string;
}

const root = mkdtempSync(join(tmpdir(), 'api-stock-sounds-'));
const soundsDir = join(root, 'usr/share/asterisk/sounds');

/** A GSM file of a tone, `seconds` long, at `path` inside the root. */
function gsmTone(path: string, seconds: number): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  execFileSync('ffmpeg', [
    ...['-hide_banner', '-nostdin', '-loglevel', 'error', '-f', 'lavfi'],
    ...[
      '-i',
      `sine=frequency=440:duration=${seconds}`,
      '-ar',
      '8000',
      '-ac',
      '1',
      '-f',
      'gsm',
      join(root, path),
    ],
  ]);
}

beforeAll(() => {
  const voice = 'usr/share/asterisk/sounds/en_US_f_Allison';
  gsmTone(`${voice}/hello-world.gsm`, 1.5);
  gsmTone(`${voice}/digits/1.gsm`, 0.5);
  gsmTone(`${voice}/vm-goodbye.gsm`, 1);
  gsmTone('usr/share/asterisk/sounds/fr/bonjour.gsm', 1);
  gsmTone('etc/secret.gsm', 0.2);
  symlinkSync(`/${voice}`, join(soundsDir, 'en'));
  mkdirSync(join(root, 'usr/share/doc/asterisk-core-sounds-en'), { recursive: true });
  writeFileSync(
    join(root, 'usr/share/doc/asterisk-core-sounds-en/core-sounds-en.txt'),
    '; Core Asterisk Sounds in English\nhello-world: Hello world.\ndigits/1: one\nvm-goodbye: Goodbye!\n',
  );
  writeFileSync(join(soundsDir, 'fr/core-sounds-fr.txt'), 'bonjour: Bonjour.\n');
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("Asterisk's stock sounds", { timeout: 60_000 }, () => {
  let api: TestApi;
  let as: RoleClients;

  beforeAll(async () => {
    api = await startTestApi('sqlite', {
      ...testAdminEnv,
      CALLFLOW_ASTERISK_SOUNDS_DIR: '/usr/share/asterisk/sounds',
      CALLFLOW_ASTERISK_ROOT: root,
    });
    as = await loginAs(api);
  }, 60_000);
  afterAll(async () => {
    await api?.stop();
  });

  const list = (query: string) =>
    as.viewer.get<{ items: StockSoundView[]; total: number }>(`/api/sounds/stock${query}`);

  it('lists every sound by name and language, with what it says and how long it is', async () => {
    const all = await list('');
    expect(all.status).toBe(200);
    expect(all.body.items.map((sound) => `${sound.name} ${sound.language}`)).toEqual([
      'bonjour fr',
      'digits/1 en',
      'hello-world en',
      'vm-goodbye en',
    ]);
    const hello = all.body.items.find((sound) => sound.name === 'hello-world');
    expect(hello).toMatchObject({ text: 'Hello world.', format: 'gsm' });
    expect(Math.abs((hello?.durationMs ?? 0) - 1500)).toBeLessThanOrEqual(40);
    expect(all.body.total).toBe(4);
  });

  it('finds sounds by what they say or by name, in one language, the first `limit`', async () => {
    expect((await list('?search=one')).body.items.map((sound) => sound.name)).toEqual(['digits/1']);
    expect((await list('?search=GOOD')).body.items.map((sound) => sound.name)).toEqual(['vm-goodbye']);
    expect((await list('?search=hello%20world')).body.items.map((sound) => sound.name)).toEqual([
      'hello-world',
    ]);
    expect((await list('?language=fr')).body.items.map((sound) => sound.text)).toEqual(['Bonjour.']);
    const first = await list('?limit=1');
    expect(first.body).toMatchObject({ total: 4, items: [{ name: 'bonjour' }] });
    expect((await list('?language=../etc')).status).toBe(400);
  });

  it('plays a sound as a 16 kHz WAV, and refuses names that would leave the sounds folder', async () => {
    const digit = await fileAnswer(api, as.viewer, '/api/sounds/stock/digits%2F1/file?language=en');
    expect(digit.status).toBe(200);
    expect(digit.contentType).toBe('audio/wav');
    expect(wavFormat(digit.bytes)).toEqual({ sampleRate: 16000, channels: 1, bitsPerSample: 16 });
    expect((await fileAnswer(api, as.viewer, '/api/sounds/stock/hello-world/file')).status).toBe(200);
    expect((await fileAnswer(api, as.viewer, '/api/sounds/stock/bonjour/file?language=en')).status).toBe(404);
    for (const name of [
      '..%2F..%2F..%2Fetc%2Fsecret',
      '%2Fetc%2Fsecret',
      'hello-world.gsm',
      'http%3A%2F%2Fexample.com',
    ])
      expect((await fileAnswer(api, as.viewer, `/api/sounds/stock/${name}/file`)).status, name).toBe(400);
    expect((await fileAnswer(api, as.anonymous, '/api/sounds/stock/hello-world/file')).status).toBe(401);
  });

  it('answers 503 in plain words when the sounds folder cannot be read, and logs which setting names it', async () => {
    const elsewhere = await startTestApi('sqlite', {
      ...testAdminEnv,
      CALLFLOW_ASTERISK_SOUNDS_DIR: join(root, 'no-such-folder'),
    });
    try {
      const viewer = (await loginAs(elsewhere)).viewer;
      const answer = await viewer.get<ErrorView>('/api/sounds/stock');
      expect(answer.status).toBe(503);
      expect(answer.body).toMatchObject({ error: 'sounds_unavailable' });
      expect(answer.body.message).toBe(
        "The server cannot read Asterisk's sounds folder; ask your administrator.",
      );
      // The operator learns from the log which setting to fix.
      expect(elsewhere.logs.some((line) => line.includes('CALLFLOW_ASTERISK_SOUNDS_DIR'))).toBe(true);
      // The folder's path is for the log, not for the browser.
      expect(answer.body.message).not.toContain(root);
    } finally {
      await elsewhere.stop();
    }
  });
});
