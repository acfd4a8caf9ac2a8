/**
 * ITU-R BS.1770-4 / EBU R128 integrated loudness (LUFS) of a mono clip; null when it is shorter than
 * one 400 ms block or quieter than the absolute gate (-70 LUFS), as ffmpeg's ebur128 reports -70 then.
 *
 * Written here rather than taken from npm: the one maintained binding (ebur128-wasm) is built for
 * bundlers (it imports its .wasm as an ES module, which Node 20 cannot load), and the measure is a
 * standard's two filters and a gate. The filter constants are libebur128's, exact for any sample rate.
 */
export function integratedLoudness(samples: Float32Array, sampleRate: number): number | null {
  const weighted = kWeighted(samples, sampleRate);
  const blockLength = Math.round(0.4 * sampleRate);
  const step = Math.round(0.1 * sampleRate);
  const blockPowers: number[] = [];
  for (let start = 0; start + blockLength <= weighted.length; start += step) {
    let sum = 0;
    for (let i = start; i < start + blockLength; i++) sum += (weighted[i] ?? 0) ** 2;
    blockPowers.push(sum / blockLength);
  }
  const absoluteGate = powerOf(-70);
  const audible = blockPowers.filter((power) => power > absoluteGate);
  if (audible.length === 0) return null;
  const relativeGate = mean(audible) * powerOf(-10);
  const gated = audible.filter((power) => power > relativeGate);
  return loudnessOf(mean(gated));
}

const loudnessOf = (power: number) => -0.691 + 10 * Math.log10(power);
const powerOf = (lufs: number) => 10 ** ((lufs + 0.691) / 10);
const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

/** The K-weighting: a high shelf (+4 dB above ~1.7 kHz, the head) then a high pass at ~38 Hz. */
function kWeighted(samples: Float32Array, sampleRate: number): Float64Array {
  let k = Math.tan((Math.PI * 1681.974450955533) / sampleRate);
  let q = 0.7071752369554196;
  const vh = 10 ** (3.999843853973347 / 20);
  const vb = vh ** 0.4996667741545416;
  let a0 = 1 + k / q + k * k;
  const shelf = biquad(
    [(vh + (vb * k) / q + k * k) / a0, (2 * (k * k - vh)) / a0, (vh - (vb * k) / q + k * k) / a0],
    [(2 * (k * k - 1)) / a0, (1 - k / q + k * k) / a0],
  );
  k = Math.tan((Math.PI * 38.13547087602444) / sampleRate);
  q = 0.5003270373238773;
  a0 = 1 + k / q + k * k;
  const highPass = biquad([1, -2, 1], [(2 * (k * k - 1)) / a0, (1 - k / q + k * k) / a0]);
  const out = new Float64Array(samples.length);
  for (let i = 0; i < samples.length; i++) out[i] = highPass(shelf(samples[i] ?? 0));
  return out;
}

/** One second-order IIR section (direct form I): b = feed-forward, a = feedback without a0 = 1. */
function biquad(b: readonly [number, number, number], a: readonly [number, number]) {
  let x1 = 0;
  let x2 = 0;
  let y1 = 0;
  let y2 = 0;
  return (x: number): number => {
    const y = b[0] * x + b[1] * x1 + b[2] * x2 - a[0] * y1 - a[1] * y2;
    x2 = x1;
    x1 = x;
    y2 = y1;
    y1 = y;
    return y;
  };
}
