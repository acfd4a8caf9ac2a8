import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EspeakSpeechEngine } from './EspeakSpeechEngine.ts';
import { renderSpeech } from './renderSpeech.ts';
import type { SpeechEngine } from './SpeechEngine.ts';
import { SpeechFailed } from './SpeechFailed.ts';
import { makeTestAudio, rejectionOf } from './testing/index.ts';

function engineAnswering(answer: () => Promise<Uint8Array>, answersPcmWav = false): SpeechEngine {
  return { id: 'fake', voices: async () => [], render: answer, answersPcmWav };
}

const path = process.env.PATH;
afterEach(() => {
  process.env.PATH = path;
});

/** Runs `body` with a PATH on which sox is the only program (no ffmpeg). */
async function withOnlySox<T>(body: () => Promise<T>): Promise<T> {
  const bin = await mkdtemp(join(tmpdir(), 'only-sox-'));
  try {
    await symlink('/usr/bin/sox', join(bin, 'sox'));
    process.env.PATH = bin;
    return await body();
  } finally {
    process.env.PATH = path;
    await rm(bin, { recursive: true, force: true });
  }
}

const request = { text: 'Hello', language: 'en', voice: null };

const failure = (promise: Promise<unknown>) => rejectionOf(promise, SpeechFailed);

describe('renderSpeech', () => {
  it("keeps the engine's own pauses: nothing is trimmed from speech", async () => {
    const segments = [
      { kind: 'silence', seconds: 0.5 },
      { kind: 'tone', seconds: 1 },
      { kind: 'silence', seconds: 0.5 },
    ] as const;
    const audio = await makeTestAudio({ format: 'wav', segments });
    const converted = await renderSpeech(
      engineAnswering(async () => audio),
      request,
    );
    expect(Math.abs(converted.durationMs - 2000)).toBeLessThanOrEqual(20);
    expect(converted.peaks).toHaveLength(120);
  });

  it('says the engine returned no sound, or something that is not audio', async () => {
    const silence = await makeTestAudio({ format: 'wav', segments: [{ kind: 'silence', seconds: 1 }] });
    const silent = await failure(
      renderSpeech(
        engineAnswering(async () => silence),
        request,
      ),
    );
    expect(silent.message).toBe('The speech engine fake returned no sound for this text.');
    const text = await failure(
      renderSpeech(
        engineAnswering(async () => Buffer.from('{"audio": null}')),
        request,
      ),
    );
    expect(text.message).toBe('The speech engine fake returned something that is not audio we can read.');
    expect(text.reason).toBe('bad_answer');
  });

  it('passes the caller giving up on to the conversion', async () => {
    const audio = await makeTestAudio({ format: 'wav', segments: [{ kind: 'tone', seconds: 1 }] });
    const controller = new AbortController();
    const engine = engineAnswering(async () => {
      controller.abort();
      return audio;
    });
    expect((await failure(renderSpeech(engine, request, controller.signal))).reason).toBe('aborted');
  });

  it("converts espeak-ng's WAV without ffmpeg, the same every time, and other engines' answers with it", async () => {
    const espeak = new EspeakSpeechEngine();
    expect(espeak.answersPcmWav).toBe(true);
    const spoken = await espeak.render(request);
    const fast = engineAnswering(async () => spoken, true);
    const [first, second] = await withOnlySox(() =>
      Promise.all([renderSpeech(fast, request), renderSpeech(fast, request)]),
    );
    expect(second?.hash).toBe(first?.hash);
    expect(first?.peaks).toHaveLength(120);
    const other = await withOnlySox(() =>
      failure(
        renderSpeech(
          engineAnswering(async () => spoken),
          request,
        ),
      ),
    );
    expect(other.message).toBe(
      'Converting the speech of fake failed: ffmpeg is not installed on this server.',
    );
  });

  it('refuses an answer that is not the promised 16-bit mono WAV, saying so', async () => {
    const mp3 = await makeTestAudio({ format: 'mp3', segments: [{ kind: 'tone', seconds: 1 }] });
    const refused = await failure(
      renderSpeech(
        engineAnswering(async () => mp3, true),
        request,
      ),
    );
    expect(refused.reason).toBe('bad_answer');
    expect(refused.message).toBe(
      'The speech engine fake returned audio that is not a 16-bit mono PCM WAV: not a WAV file (no RIFF/WAVE header).',
    );
    const silence = await makeTestAudio({ format: 'wav', segments: [{ kind: 'silence', seconds: 1 }] });
    const silent = await failure(
      renderSpeech(
        engineAnswering(async () => silence, true),
        request,
      ),
    );
    expect(silent.message).toBe('The speech engine fake returned no sound for this text.');
  });

  it('passes the caller giving up on to the fast conversion', async () => {
    const audio = await makeTestAudio({ format: 'wav', segments: [{ kind: 'tone', seconds: 1 }] });
    const controller = new AbortController();
    const engine = engineAnswering(async () => {
      controller.abort();
      return audio;
    }, true);
    expect((await failure(renderSpeech(engine, request, controller.signal))).reason).toBe('aborted');
  });
});
