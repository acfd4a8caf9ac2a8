/** EBU R128 loudness phone prompts are brought to (about what telephony providers recommend). */
export const targetLoudnessLufs = -16;
/** Samples never go above this after the gain (headroom for the codecs on the way to the caller). */
const maxPeakDbfs = -1.5;
/** Clips too short for a loudness measure (under 0.4 s) are brought to this peak instead. */
const shortClipPeakDbfs = -3;

/**
 * Applies one linear gain to both renderings and converts them to 16-bit: the loudness measured by
 * ffmpeg's ebur128 is brought to the target unless that would push a sample above the peak limit.
 * (ffmpeg's one-pass loudnorm was measured to leave a 2.6 s espeak sentence at -60 LUFS, and its
 * two-pass mode needs a second decode: this is the two-pass linear mode with the decode done once.)
 */
export function normalizeLoudness(
  loudnessLufs: number | null,
  renderings: readonly Float32Array[],
): { readonly gainDb: number; readonly samples: Int16Array[] } {
  const peak = Math.max(...renderings.map(samplePeak));
  const peakDb = 20 * Math.log10(peak);
  const wantedDb = loudnessLufs === null ? shortClipPeakDbfs - peakDb : targetLoudnessLufs - loudnessLufs;
  const gainDb = Math.min(wantedDb, maxPeakDbfs - peakDb);
  const gain = 10 ** (gainDb / 20);
  return { gainDb, samples: renderings.map((samples) => toInt16(samples, gain)) };
}

/** The largest absolute sample value (1 = full scale). */
export function samplePeak(samples: Float32Array): number {
  let peak = 0;
  for (const sample of samples) {
    const magnitude = Math.abs(sample);
    if (magnitude > peak) peak = magnitude;
  }
  return peak;
}

function toInt16(samples: Float32Array, gain: number): Int16Array {
  const out = new Int16Array(samples.length);
  for (let i = 0; i < samples.length; i++) {
    const value = Math.round((samples[i] ?? 0) * gain * 32767);
    out[i] = Math.min(32767, Math.max(-32768, value));
  }
  return out;
}
