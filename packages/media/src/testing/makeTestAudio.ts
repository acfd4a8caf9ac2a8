import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runProcess } from '../runProcess.ts';

export type TestAudioFormat = 'wav' | 'mp3' | 'ogg' | 'm4a' | 'webm' | 'flac';

/** A stretch of a test clip: a 440 Hz tone (ffmpeg's sine is at 1/8 of full scale), or digital silence. */
export interface TestAudioSegment {
  readonly kind: 'tone' | 'silence';
  readonly seconds: number;
}

export interface TestAudioSpec {
  readonly format: TestAudioFormat;
  readonly segments: readonly TestAudioSegment[];
  readonly sampleRate?: number;
  readonly channels?: 1 | 2;
  /** Tone amplitude, 0..1 (default 0.5). */
  readonly volume?: number;
}

const encoders: Record<TestAudioFormat, readonly string[]> = {
  wav: ['-c:a', 'pcm_s16le', '-f', 'wav'],
  mp3: ['-c:a', 'libmp3lame', '-b:a', '64k', '-f', 'mp3'],
  ogg: ['-c:a', 'libopus', '-f', 'ogg'],
  m4a: ['-c:a', 'aac', '-f', 'ipod'],
  webm: ['-c:a', 'libopus', '-f', 'webm'],
  flac: ['-c:a', 'flac', '-f', 'flac'],
};

/**
 * Makes a small audio file with ffmpeg's own generators, so tests need no binary fixtures:
 * e.g. 1 s silence + 1 s tone + 1 s silence as an M4A.
 */
export async function makeTestAudio(spec: TestAudioSpec): Promise<Buffer> {
  const rate = spec.sampleRate ?? 44_100;
  const layout = (spec.channels ?? 1) === 2 ? 'stereo' : 'mono';
  const inputs = spec.segments.flatMap((segment) => [
    '-f',
    'lavfi',
    '-i',
    segment.kind === 'tone'
      ? `sine=frequency=440:sample_rate=${rate}:duration=${segment.seconds}`
      : `anullsrc=sample_rate=${rate}:channel_layout=mono:duration=${segment.seconds}`,
  ]);
  const labels = spec.segments.map((_, index) => `[${index}:a]`).join('');
  const volume = spec.volume ?? 0.5;
  const graph = `${labels}concat=n=${spec.segments.length}:v=0:a=1,volume=${volume * 8},aformat=channel_layouts=${layout}[out]`;
  const dir = await mkdtemp(join(tmpdir(), 'callflow-test-audio-'));
  try {
    const file = join(dir, `clip.${spec.format}`);
    const args = ['-hide_banner', '-nostdin', '-loglevel', 'error', ...inputs, '-filter_complex', graph];
    const result = await runProcess('ffmpeg', [...args, '-map', '[out]', ...encoders[spec.format], file], {
      timeoutMs: 20_000,
      maxOutputBytes: 1024 * 1024,
    });
    if (result.code !== 0) throw new Error(`ffmpeg could not make the test clip: ${result.stderr}`);
    return await readFile(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
