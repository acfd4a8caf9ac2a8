import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { readStockSoundTexts } from './readStockSoundTexts.ts';
import { isInside, resolveInsideRoot } from './resolveInsideRoot.ts';
import { runProcess } from './runProcess.ts';
import { speechLanguagePattern } from './SpeechEngine.ts';
import { isSoundName } from './soundNamePattern.ts';
import {
  type StockSoundFormat,
  stockSoundDurationMs,
  stockSoundFormatOf,
  stockSoundFormats,
} from './stockSoundFormats.ts';
import { buildWav } from './wavFile.ts';

/** One of Asterisk's own sounds in one language. */
export interface StockSound {
  /** What a `sound` prompt names: hello-world, digits/1. */
  readonly name: string;
  readonly language: string;
  /** What it says, from Asterisk's sound index; null when the index does not list it. */
  readonly text: string | null;
  readonly durationMs: number | null;
  /** Asterisk's format of the file a preview plays: gsm, ulaw, wav, sln16... */
  readonly format: string;
}

export interface StockSoundsOptions {
  /** Asterisk's sounds folder, on this machine or as seen inside `rootDir`. Default /usr/share/asterisk/sounds. */
  readonly soundsDir?: string;
  /** Where Asterisk's file system starts (`/`, or a chroot): symlinks resolve inside it. Default `/`. */
  readonly rootDir?: string;
}

interface FoundSound extends StockSound {
  readonly path: string;
  readonly soundFormat: StockSoundFormat;
}

const listingLifetimeMs = 60_000;
const maxFolderDepth = 4;
const maxFiles = 50_000;
const previewRate = 16_000;

/**
 * Asterisk's stock sounds: the language folders of its sounds folder (en, fr_FR...), every sound in
 * them with its text and length, and a WAV of each to listen to. Only files found by walking those
 * folders can be read, and every symlink resolves inside `rootDir`.
 */
export class StockSounds {
  readonly #soundsDir: string;
  readonly #rootDir: string;
  #listing: { readonly at: number; readonly sounds: Promise<FoundSound[]> } | undefined;

  constructor(options: StockSoundsOptions = {}) {
    this.#soundsDir = options.soundsDir ?? '/usr/share/asterisk/sounds';
    this.#rootDir = options.rootDir ?? '/';
  }

  /** Every sound in every language, by language then name. Read again at most once a minute. */
  async list(): Promise<StockSound[]> {
    const sounds = await this.#found();
    return sounds.map(({ name, language, text, durationMs, format }) => ({
      name,
      language,
      text,
      durationMs,
      format,
    }));
  }

  /** A 16 kHz 16-bit mono WAV of one sound, for the browser's preview. */
  async audio(name: string, language: string): Promise<Buffer> {
    if (!isSoundName(name)) throw new Error(`not a sound name: ${JSON.stringify(name.slice(0, 80))}`);
    if (!speechLanguagePattern.test(language))
      throw new Error(`not a language code: ${JSON.stringify(language)}`);
    const sound = (await this.#found()).find((found) => found.name === name && found.language === language);
    if (!sound) throw new Error(`Asterisk has no sound ${name} in ${language}`);
    const result = await runProcess(
      'ffmpeg',
      [
        ...['-hide_banner', '-nostdin', '-nostats', '-loglevel', 'error', '-protocol_whitelist', 'file'],
        ...sound.soundFormat.ffmpegInput,
        ...[
          '-i',
          `file:${sound.path}`,
          '-ac',
          '1',
          '-ar',
          String(previewRate),
          '-c:a',
          'pcm_s16le',
          '-f',
          's16le',
          'pipe:1',
        ],
      ],
      { timeoutMs: 10_000, maxOutputBytes: 20 * 1024 * 1024 },
    );
    const pcm = result.outputs[0];
    if (result.code !== 0 || !pcm) throw new Error(`ffmpeg could not read the sound ${name} (${language})`);
    const samples = new Int16Array(Math.floor(pcm.length / 2));
    for (let i = 0; i < samples.length; i++) samples[i] = pcm.readInt16LE(i * 2);
    return buildWav(samples, previewRate);
  }

  #found(): Promise<FoundSound[]> {
    if (!this.#listing || Date.now() - this.#listing.at > listingLifetimeMs) {
      const sounds = this.#walk();
      this.#listing = { at: Date.now(), sounds };
      // A failed read is not kept: the next call tries again.
      sounds.catch(() => {
        if (this.#listing?.sounds === sounds) this.#listing = undefined;
      });
    }
    return this.#listing.sounds;
  }

  async #walk(): Promise<FoundSound[]> {
    const soundsDir = await resolveInsideRoot(this.#rootDir, this.#soundsDir);
    const found: FoundSound[] = [];
    for (const entry of await readdir(soundsDir, { withFileTypes: true })) {
      if (!speechLanguagePattern.test(entry.name)) continue;
      const languageDir = await resolveInsideRoot(this.#rootDir, join(soundsDir, entry.name));
      if (!(await isDirectory(languageDir))) continue;
      const files = await this.#files(languageDir, soundsDir, '', 0, { count: 0 });
      const texts = await readStockSoundTexts(await this.#textCandidates(languageDir, entry.name));
      for (const [name, file] of files) {
        const durationMs = await stockSoundDurationMs(file.path, file.format, file.size);
        const text = texts.get(name) ?? null;
        found.push({
          name,
          language: entry.name,
          text,
          durationMs,
          format: file.format.format,
          path: file.path,
          soundFormat: file.format,
        });
      }
    }
    return found.sort((a, b) => a.language.localeCompare(b.language) || a.name.localeCompare(b.name));
  }

  /** The sound files under one language folder by name, each in the best format it exists in. */
  async #files(
    dir: string,
    soundsDir: string,
    prefix: string,
    depth: number,
    budget: { count: number },
  ): Promise<Map<string, { path: string; format: StockSoundFormat; size: number }>> {
    const files = new Map<string, { path: string; format: StockSoundFormat; size: number }>();
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      budget.count += 1;
      if (budget.count > maxFiles) throw new Error(`more than ${maxFiles} files under ${soundsDir}`);
      const path = await this.#entryPath(dir, entry);
      // A symlink pointing out of the sounds folder and this language's folder is not followed.
      if (!isInside(soundsDir, path) && !isInside(dir, path)) continue;
      const info = await stat(path).catch(() => undefined);
      if (info?.isDirectory()) {
        if (depth >= maxFolderDepth || !isSoundName(`${prefix}${entry.name}`)) continue;
        const nested = await this.#files(path, soundsDir, `${prefix}${entry.name}/`, depth + 1, budget);
        for (const [name, file] of nested) files.set(name, file);
        continue;
      }
      const dot = entry.name.lastIndexOf('.');
      const format = dot > 0 ? stockSoundFormatOf(entry.name.slice(dot + 1)) : undefined;
      const name = `${prefix}${entry.name.slice(0, dot)}`;
      if (!info?.isFile() || !format || !isSoundName(name)) continue;
      const known = files.get(name);
      if (!known || stockSoundFormats.indexOf(format) < stockSoundFormats.indexOf(known.format)) {
        files.set(name, { path, format, size: info.size });
      }
    }
    return files;
  }

  async #entryPath(dir: string, entry: Dirent): Promise<string> {
    const path = join(dir, entry.name);
    return entry.isSymbolicLink() ? resolveInsideRoot(this.#rootDir, path) : path;
  }

  /** The sound index in the language folder, else in the docs of Debian's package (en_US: en's too). */
  async #textCandidates(languageDir: string, language: string): Promise<string[]> {
    const languages = [...new Set([language, language.split('_')[0] ?? language])];
    const candidates: string[] = [];
    for (const lang of languages) {
      const docs = await resolveInsideRoot(this.#rootDir, `/usr/share/doc/asterisk-core-sounds-${lang}`);
      for (const dir of [languageDir, docs]) {
        candidates.push(join(dir, `core-sounds-${lang}.txt`), join(dir, `core-sounds-${lang}.txt.gz`));
      }
    }
    return candidates;
  }
}

async function isDirectory(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isDirectory() ?? false;
}
