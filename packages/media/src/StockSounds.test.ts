import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StockSounds } from './StockSounds.ts';
import { generateWithFfmpeg } from './testing/index.ts';
import { wavDurationMs } from './wavDurationMs.ts';
import { parseWavHeader } from './wavFile.ts';

/** A 440 Hz tone of `seconds`, in one of Asterisk's formats, made by ffmpeg. */
function tone(seconds: number, format: 'gsm' | 'mulaw' | 'wav16'): Promise<Buffer> {
  const output = {
    gsm: ['-ar', '8000', '-c:a', 'libgsm', '-f', 'gsm'],
    mulaw: ['-ar', '8000', '-c:a', 'pcm_mulaw', '-f', 'mulaw'],
    // A WAV written to a pipe keeps placeholder sizes: the reader counts the samples present.
    wav16: ['-ar', '16000', '-c:a', 'pcm_s16le', '-f', 'wav', '-bitexact'],
  }[format];
  return generateWithFfmpeg(`sine=frequency=440:duration=${seconds}`, ['-ac', '1', ...output]);
}

let root: string;
const sounds = 'usr/share/asterisk/sounds';

async function put(path: string, content: Buffer | string): Promise<void> {
  await mkdir(dirname(join(root, path)), { recursive: true });
  await writeFile(join(root, path), content);
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'callflow-stock-sounds-'));
  const allison = `${sounds}/en_US_f_Allison`;
  await put(`${allison}/hello-world.gsm`, await tone(1.5, 'gsm'));
  await put(`${allison}/digits/1.gsm`, await tone(0.5, 'gsm'));
  await put(`${allison}/beep.ulaw`, await tone(0.25, 'mulaw'));
  // The same sound in two formats: the 16 kHz one is listed and previewed.
  await put(`${allison}/welcome.gsm`, await tone(1, 'gsm'));
  await put(`${allison}/welcome.wav16`, await tone(1, 'wav16'));
  await put(`${allison}/bad name.gsm`, await tone(0.1, 'gsm'));
  await put(`${allison}/notes.txt`, 'not a sound');
  await put('etc/secret.gsm', await tone(0.1, 'gsm'));
  // Debian's layout: en → /etc/alternatives/asterisk-prompt-en → the voice's folder, all absolute.
  await mkdir(join(root, 'etc/alternatives'), { recursive: true });
  await symlink(
    '/usr/share/asterisk/sounds/en_US_f_Allison',
    join(root, 'etc/alternatives/asterisk-prompt-en'),
  );
  await symlink('/etc/alternatives/asterisk-prompt-en', join(root, sounds, 'en'));
  // Symlinks that point out of the sounds folder, absolute and relative, are not followed.
  await symlink('/etc/secret.gsm', join(root, allison, 'escape.gsm'));
  await symlink('../../../../../../../../../../etc/secret.gsm', join(root, allison, 'climb.gsm'));
  await put(
    'usr/share/doc/asterisk-core-sounds-en/core-sounds-en.txt.gz',
    gzipSync(
      '; Core Asterisk Sounds in English\n\nhello-world: Hello world.\ndigits/1: one\nbeep: [a beep]\n',
    ),
  );
  await put(`${sounds}/fr/bonjour.gsm`, await tone(1, 'gsm'));
  await put(`${sounds}/fr/core-sounds-fr.txt`, 'bonjour: Bonjour.\n');
  await put(`${sounds}/custom/mine.gsm`, await tone(1, 'gsm'));
});

afterAll(() => rm(root, { recursive: true, force: true }));

describe('StockSounds', () => {
  it('lists the sounds of each language folder, resolving absolute symlinks inside the root', async () => {
    const stock = new StockSounds({ soundsDir: join(root, sounds), rootDir: root });
    const list = await stock.list();
    expect(list.map((sound) => `${sound.language}:${sound.name}`)).toEqual([
      'en:beep',
      'en:digits/1',
      'en:hello-world',
      'en:welcome',
      'fr:bonjour',
    ]);
    expect(list).toContainEqual({
      name: 'hello-world',
      language: 'en',
      text: 'Hello world.',
      durationMs: 1500,
      format: 'gsm',
    });
    expect(list).toContainEqual({
      name: 'digits/1',
      language: 'en',
      text: 'one',
      durationMs: 500,
      format: 'gsm',
    });
    expect(list).toContainEqual({
      name: 'beep',
      language: 'en',
      text: '[a beep]',
      durationMs: 250,
      format: 'ulaw',
    });
    expect(list).toContainEqual({
      name: 'welcome',
      language: 'en',
      text: null,
      durationMs: 1000,
      format: 'wav16',
    });
    expect(list).toContainEqual({
      name: 'bonjour',
      language: 'fr',
      text: 'Bonjour.',
      durationMs: 1000,
      format: 'gsm',
    });
  });

  it('takes the sounds folder as seen inside the root as well', async () => {
    const stock = new StockSounds({ soundsDir: '/usr/share/asterisk/sounds', rootDir: root });
    expect(await stock.list()).toHaveLength(5);
  });

  it('plays a sound as a 16 kHz mono WAV as long as the sound', async () => {
    const stock = new StockSounds({ soundsDir: join(root, sounds), rootDir: root });
    const wav = await stock.audio('hello-world', 'en');
    expect(parseWavHeader(wav)).toMatchObject({ sampleRate: 16_000, channels: 1, bitsPerSample: 16 });
    expect(Math.abs(wavDurationMs(wav) - 1500)).toBeLessThanOrEqual(25);
    expect(Math.abs(wavDurationMs(await stock.audio('digits/1', 'en')) - 500)).toBeLessThanOrEqual(25);
  });

  it('refuses names that could leave the sounds folder, and sounds it did not list', async () => {
    const stock = new StockSounds({ soundsDir: join(root, sounds), rootDir: root });
    for (const name of ['../../../etc/secret', '/etc/secret', 'digits/../hello-world', 'hello-world.gsm']) {
      await expect(stock.audio(name, 'en')).rejects.toThrow(/not a sound name/);
    }
    // Symlinks out of the sounds folder, and folders that are not languages, are never listed.
    for (const name of ['escape', 'climb', 'custom/mine']) {
      await expect(stock.audio(name, 'en')).rejects.toThrow(/Asterisk has no sound/);
    }
    await expect(stock.audio('hello-world', '../en')).rejects.toThrow(/not a language code/);
    await expect(stock.audio('hello-world', 'de')).rejects.toThrow(/no sound hello-world in de/);
  });

  it('fails clearly when the sounds folder does not exist', async () => {
    const stock = new StockSounds({ soundsDir: join(root, 'nowhere'), rootDir: root });
    await expect(stock.list()).rejects.toThrow(/ENOENT/);
  });
});

const sandboxRoot = join(dirname(fileURLToPath(import.meta.url)), '../../../.cache/asterisk-root');
const sandboxMissing = !existsSync(join(sandboxRoot, sounds));

describe("StockSounds on the Asterisk sandbox's root", () => {
  it.skipIf(sandboxMissing)(
    `lists and plays hello-world with its text and length${sandboxMissing ? ' (skipped: no sandbox built at .cache/asterisk-root; the e2e suite reads it in CI)' : ''}`,
    async () => {
      const stock = new StockSounds({ soundsDir: join(sandboxRoot, sounds), rootDir: sandboxRoot });
      const list = await stock.list();
      const hello = list.find((sound) => sound.name === 'hello-world' && sound.language === 'en');
      expect(hello).toMatchObject({ text: 'Hello world.', format: 'gsm' });
      expect(list.find((sound) => sound.name === 'digits/1' && sound.language === 'en')?.text).toBe('one');
      expect(list.filter((sound) => sound.language === 'en').length).toBeGreaterThan(500);
      const wav = await stock.audio('hello-world', 'en');
      expect(Math.abs(wavDurationMs(wav) - (hello?.durationMs ?? 0))).toBeLessThanOrEqual(25);
    },
  );
});
