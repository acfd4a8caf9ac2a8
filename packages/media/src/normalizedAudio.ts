import { createHash } from 'node:crypto';
import { audioPeaks } from './audioPeaks.ts';
import type { ConvertedAudio } from './convertAudio.ts';
import { normalizeLoudness } from './normalizeLoudness.ts';
import { buildWav } from './wavFile.ts';

/**
 * The clip as stored and served, from its 8 and 16 kHz float renderings and their measured loudness
 * (null: too short to measure): one gain for both (normalizeLoudness), canonical WAVs, the
 * narrowband's hash, its length and its waveform.
 */
export function normalizedAudio(
  loudnessLufs: number | null,
  narrow: Float32Array,
  wide: Float32Array,
): ConvertedAudio {
  const { samples } = normalizeLoudness(loudnessLufs, [narrow, wide]);
  const [narrowSamples = new Int16Array(), wideSamples = new Int16Array()] = samples;
  const narrowband = buildWav(narrowSamples, 8000);
  return {
    narrowband,
    wideband: buildWav(wideSamples, 16_000),
    hash: createHash('sha256').update(narrowband).digest('hex'),
    durationMs: Math.round(narrowSamples.length / 8),
    peaks: audioPeaks(narrowSamples),
  };
}
