import { peakCount } from './audioLimits.ts';

/** The waveform: `count` values in 0..1, each the largest |sample| of its slice of the audio. */
export function audioPeaks(samples: Int16Array, count = peakCount): number[] {
  const peaks: number[] = [];
  for (let bucket = 0; bucket < count; bucket++) {
    const start = Math.floor((bucket * samples.length) / count);
    const end = Math.floor(((bucket + 1) * samples.length) / count);
    let peak = 0;
    for (let i = start; i < end; i++) peak = Math.max(peak, Math.abs(samples[i] ?? 0));
    // Three decimals are plenty for a drawing and keep the stored JSON small.
    peaks.push(Math.min(1, Math.round((peak / 32768) * 1000) / 1000));
  }
  return peaks;
}
