import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AudioRejected } from './AudioRejected.ts';
import { convertAudio } from './convertAudio.ts';
import { ProcessFailed } from './runProcess.ts';
import {
  generateWithFfmpeg,
  makeTestAudio,
  measureLoudness,
  rejectionOf,
  type TestAudioFormat,
} from './testing/index.ts';
import { wavDurationMs } from './wavDurationMs.ts';
import { parseWavHeader } from './wavFile.ts';

const silenceToneSilence = [
  { kind: 'silence', seconds: 1 },
  { kind: 'tone', seconds: 1 },
  { kind: 'silence', seconds: 1 },
] as const;

function rejection(input: Uint8Array, options?: Parameters<typeof convertAudio>[1]): Promise<AudioRejected> {
  return rejectionOf(convertAudio(input, options), AudioRejected);
}

describe('convertAudio', () => {
  it.each<TestAudioFormat>(['wav', 'mp3', 'ogg', 'm4a', 'webm', 'flac'])(
    'converts %s and trims 1 s of silence before and after a 1 s tone',
    async (format) => {
      const converted = await convertAudio(
        await makeTestAudio({ format, segments: silenceToneSilence, channels: 2 }),
      );
      // The tone, and at most 0.1 s of the silence on each side (so a soft first sound is not clipped).
      expect(converted.durationMs).toBeGreaterThanOrEqual(950);
      expect(converted.durationMs).toBeLessThanOrEqual(1300);
    },
  );

  it('writes an 8 kHz and a 16 kHz 16-bit mono PCM WAV of the same length', async () => {
    const converted = await convertAudio(
      await makeTestAudio({ format: 'mp3', segments: silenceToneSilence }),
    );
    expect(parseWavHeader(converted.narrowband)).toMatchObject({
      sampleRate: 8000,
      channels: 1,
      bitsPerSample: 16,
    });
    expect(parseWavHeader(converted.wideband)).toMatchObject({
      sampleRate: 16_000,
      channels: 1,
      bitsPerSample: 16,
    });
    expect(wavDurationMs(converted.narrowband)).toBe(converted.durationMs);
    expect(Math.abs(wavDurationMs(converted.wideband) - converted.durationMs)).toBeLessThanOrEqual(2);
  });

  it('names the clip by the sha256 of its 8 kHz WAV, the same for the same file every time', async () => {
    const file = await makeTestAudio({ format: 'ogg', segments: silenceToneSilence });
    const first = await convertAudio(file);
    const second = await convertAudio(file);
    const other = await convertAudio(
      await makeTestAudio({ format: 'ogg', segments: [{ kind: 'tone', seconds: 2 }] }),
    );
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(first.hash).toBe(createHash('sha256').update(first.narrowband).digest('hex'));
    expect(second.hash).toBe(first.hash);
    expect(second.narrowband.equals(first.narrowband)).toBe(true);
    expect(other.hash).not.toBe(first.hash);
  });

  it('draws 120 peaks in 0..1: loud where the tone is, silent where the kept silence is', async () => {
    const segments = [
      { kind: 'tone', seconds: 1 },
      { kind: 'silence', seconds: 1 },
      { kind: 'tone', seconds: 1 },
    ] as const;
    const { peaks } = await convertAudio(await makeTestAudio({ format: 'wav', segments }));
    expect(peaks).toHaveLength(120);
    for (const peak of peaks) expect(peak >= 0 && peak <= 1).toBe(true);
    expect(peaks[10]).toBeGreaterThan(0.15);
    expect(peaks[60]).toBe(0);
    expect(peaks[110]).toBeGreaterThan(0.15);
  });

  it('brings quiet and loud recordings to about -16 LUFS', async () => {
    for (const volume of [0.02, 0.9]) {
      const file = await makeTestAudio({ format: 'flac', segments: [{ kind: 'tone', seconds: 2 }], volume });
      const converted = await convertAudio(file);
      expect(Math.abs((await measureLoudness(converted.wideband)) + 16)).toBeLessThan(1);
      expect(Math.abs((await measureLoudness(converted.narrowband)) + 16)).toBeLessThan(1);
    }
  });

  it('keeps the silence when asked not to trim it', async () => {
    const file = await makeTestAudio({ format: 'wav', segments: silenceToneSilence });
    const converted = await convertAudio(file, { trimSilence: false });
    expect(Math.abs(converted.durationMs - 3000)).toBeLessThanOrEqual(20);
  });

  it('accepts a clip exactly as long as the limit', async () => {
    const file = await makeTestAudio({ format: 'mp3', segments: [{ kind: 'tone', seconds: 3 }] });
    expect((await convertAudio(file, { maxSeconds: 3 })).durationMs).toBeGreaterThan(2900);
  });
});

describe('convertAudio refuses what cannot be a prompt, with a sentence for the person', () => {
  it('refuses a file over 20 MB before reading it', async () => {
    const error = await rejection(new Uint8Array(20 * 1024 * 1024 + 1));
    expect(error.code).toBe('too_big');
    expect(error.message).toBe('The file is 21 MB; the limit is 20 MB.');
  });

  it('refuses a text file, saying it looks like text', async () => {
    const error = await rejection(Buffer.from('Thank you for calling.\nPress 1 for sales.\n'));
    expect(error.code).toBe('not_audio');
    expect(error.message).toBe(
      'This file is not audio we can read (it looks like text). Upload WAV, MP3, OGG, M4A, WebM or FLAC.',
    );
  });

  it('refuses a PDF, saying it looks like a PDF', async () => {
    const error = await rejection(
      Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>', 'latin1'),
    );
    expect(error.code).toBe('not_audio');
    expect(error.message).toContain('(it looks like a PDF)');
  });

  it('refuses an empty file', async () => {
    const error = await rejection(new Uint8Array());
    expect(error.code).toBe('not_audio');
    expect(error.message).toContain('The file is empty.');
  });

  it('refuses a video without a sound track', async () => {
    const video = await generateWithFfmpeg('testsrc=duration=1:size=64x64:rate=5', [
      '-c:v',
      'mpeg4',
      '-f',
      'matroska',
    ]);
    const error = await rejection(video);
    expect(error.code).toBe('not_audio');
    expect(error.message).toContain('This file has no sound track.');
  });

  it('refuses an MP3 cut short, its start alone, and bytes that only pretend to be audio', async () => {
    const mp3 = await makeTestAudio({ format: 'mp3', segments: [{ kind: 'tone', seconds: 4 }] });
    const pretending = Buffer.concat([Buffer.from('OggS'), Buffer.alloc(4000, 0x5a)]);
    for (const damaged of [mp3.subarray(0, mp3.length / 2), mp3.subarray(0, 200), pretending]) {
      const error = await rejection(damaged);
      expect(error.code).toBe('corrupt');
      expect(error.message).toBe(
        'The audio in this file is damaged or incomplete, so it cannot be played. Save or export it again and upload the new file.',
      );
    }
  });

  it('refuses a recording longer than the limit, saying how long it is', async () => {
    const file = await makeTestAudio({ format: 'mp3', segments: [{ kind: 'tone', seconds: 12 }] });
    const error = await rejection(file, { maxSeconds: 10 });
    expect(error.code).toBe('too_long');
    expect(error.message).toBe('The recording is 12 s long; prompts can be at most 10 s.');
  });

  it('refuses a file of silence', async () => {
    const file = await makeTestAudio({ format: 'wav', segments: [{ kind: 'silence', seconds: 2 }] });
    for (const trimSilence of [true, false]) {
      const error = await rejection(file, { trimSilence });
      expect(error.code).toBe('silent');
      expect(error.message).toBe('The file has no sound (it is all silence).');
    }
  });

  it('does not start ffmpeg when the caller has given up, and stops it when the caller gives up', async () => {
    const file = await makeTestAudio({ format: 'mp3', segments: [{ kind: 'tone', seconds: 240 }] });
    const before = await convertAudio(file, { signal: AbortSignal.abort() }).catch(
      (caught: unknown) => caught,
    );
    expect(before).toBeInstanceOf(ProcessFailed);
    expect(before).toMatchObject({ reason: 'aborted' });
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 150);
    const during = await convertAudio(file, { signal: controller.signal }).catch((caught: unknown) => caught);
    expect(during).toMatchObject({ reason: 'aborted' });
    // It is the abort that ends it (converting those 4 minutes would succeed), and without waiting for it.
    expect(Date.now() - started).toBeLessThan(3000);
  });
});
