import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { convertAudio } from './convertAudio.ts';
import { convertSpeechWav, SpeechWavRefused } from './convertSpeechWav.ts';
import { EspeakSpeechEngine } from './EspeakSpeechEngine.ts';
import { targetLoudnessLufs } from './normalizeLoudness.ts';
import { ProcessFailed } from './runProcess.ts';
import { measureLoudness, rejectionOf } from './testing/index.ts';
import { wavDurationMs } from './wavDurationMs.ts';
import { buildWav, parseWavHeader } from './wavFile.ts';

const espeak = new EspeakSpeechEngine();
const sentence = { text: 'Your balance is 42 dollars and 17 cents.', language: 'en', voice: null };
const refusal = (promise: Promise<unknown>) => rejectionOf(promise, SpeechWavRefused);

/** A 22050 Hz mono 16-bit WAV (espeak-ng's format) of a 440 Hz tone at `amplitude` of full scale. */
function toneWav(seconds: number, amplitude: number): Buffer {
  const samples = new Int16Array(Math.round(seconds * 22_050));
  for (let i = 0; i < samples.length; i++)
    samples[i] = Math.round(Math.sin((2 * Math.PI * 440 * i) / 22_050) * amplitude * 32767);
  return buildWav(samples, 22_050);
}

function withChannels(wav: Buffer, channels: number, bits: number): Buffer {
  const copy = Buffer.from(wav);
  copy.writeUInt16LE(channels, 22);
  copy.writeUInt16LE(bits, 34);
  return copy;
}

describe('convertSpeechWav', () => {
  it("turns espeak-ng's WAV into 8 and 16 kHz WAVs of its length, named by the narrowband's hash", async () => {
    const spoken = await espeak.render(sentence);
    const converted = await convertSpeechWav(spoken);
    const narrow = parseWavHeader(converted.narrowband);
    const wide = parseWavHeader(converted.wideband);
    expect([narrow.sampleRate, narrow.channels, narrow.bitsPerSample, narrow.dataOffset]).toEqual([
      8000, 1, 16, 44,
    ]);
    expect([wide.sampleRate, wide.channels, wide.bitsPerSample, wide.dataOffset]).toEqual([
      16_000, 1, 16, 44,
    ]);
    // espeak-ng streams its WAV: the header's length is a placeholder, the samples present count.
    const spokenMs = (parseWavHeader(spoken).dataBytes / 2 / 22_050) * 1000;
    expect(Math.abs(converted.durationMs - spokenMs)).toBeLessThanOrEqual(2);
    expect(Math.abs(wavDurationMs(converted.narrowband) - spokenMs)).toBeLessThanOrEqual(2);
    expect(Math.abs(wavDurationMs(converted.wideband) - spokenMs)).toBeLessThanOrEqual(2);
    expect(converted.hash).toBe(createHash('sha256').update(converted.narrowband).digest('hex'));
    expect(converted.peaks).toHaveLength(120);
    expect(converted.peaks.every((peak) => peak >= 0 && peak <= 1)).toBe(true);
    expect(Math.max(...converted.peaks)).toBeGreaterThan(0.3);
  });

  it('gives the same bytes for the same speech every time', async () => {
    const spoken = await espeak.render(sentence);
    const [first, second] = await Promise.all([convertSpeechWav(spoken), convertSpeechWav(spoken)]);
    expect(second?.hash).toBe(first?.hash);
    expect(second?.wideband.equals(first?.wideband ?? Buffer.alloc(0))).toBe(true);
  });

  it('brings a steady quiet sound to the target loudness, as ffmpeg measures it', async () => {
    const converted = await convertSpeechWav(toneWav(2, 0.02));
    for (const wav of [converted.narrowband, converted.wideband])
      expect(Math.abs((await measureLoudness(wav)) - targetLoudnessLufs)).toBeLessThanOrEqual(0.5);
  });

  it('gives quiet and loud speech the loudness ffmpeg gives it, up to the -1.5 dBFS peak limit', async () => {
    const spoken = Buffer.from(await espeak.render(sentence));
    const info = parseWavHeader(spoken);
    for (const scale of [0.05, 1]) {
      const samples = new Int16Array(info.dataBytes / 2);
      for (let i = 0; i < samples.length; i++)
        samples[i] = Math.round(spoken.readInt16LE(info.dataOffset + i * 2) * scale);
      const input = buildWav(samples, 22_050);
      const [fast, reference] = await Promise.all([
        convertSpeechWav(input),
        convertAudio(input, { trimSilence: false }),
      ]);
      const [fastLoudness, referenceLoudness] = await Promise.all(
        [fast.narrowband, reference.narrowband].map(measureLoudness),
      );
      expect(Math.abs((fastLoudness ?? 0) - (referenceLoudness ?? 0))).toBeLessThanOrEqual(0.5);
      expect(fastLoudness).toBeGreaterThan(targetLoudnessLufs - 6);
      // espeak-ng's speech reaches the peak limit before the target: the gain stops there.
      const body = fast.wideband.subarray(44);
      let peak = 0;
      for (let i = 0; i < body.length; i += 2) peak = Math.max(peak, Math.abs(body.readInt16LE(i)));
      expect(20 * Math.log10(peak / 32767)).toBeCloseTo(-1.5, 1);
    }
  });

  it('brings a clip too short to measure to a -3 dBFS peak', async () => {
    const converted = await convertSpeechWav(toneWav(0.2, 0.01));
    expect(Math.max(...converted.peaks)).toBeCloseTo(10 ** (-3 / 20), 2);
    expect(Math.abs(converted.durationMs - 200)).toBeLessThanOrEqual(1);
  });

  it('stops when the caller gives up', async () => {
    const controller = new AbortController();
    controller.abort();
    const stopped = await rejectionOf(
      convertSpeechWav(toneWav(1, 0.5), { signal: controller.signal }),
      ProcessFailed,
    );
    expect(stopped.reason).toBe('aborted');
  });

  it('refuses what is not a 16-bit mono PCM WAV, saying why', async () => {
    const notWav = await refusal(convertSpeechWav(Buffer.from('espeak-ng: voice not found\n')));
    expect(notWav.code).toBe('not_pcm_wav');
    expect(notWav.message).toBe('not a WAV file (no RIFF/WAVE header)');
    const stereo = await refusal(convertSpeechWav(withChannels(toneWav(1, 0.5), 2, 16)));
    expect(stereo.message).toBe('the WAV has 2 channel(s) of 16-bit samples, not mono 16-bit');
    const eightBit = await refusal(convertSpeechWav(withChannels(toneWav(1, 0.5), 1, 8)));
    expect(eightBit.message).toBe('the WAV has 1 channel(s) of 8-bit samples, not mono 16-bit');
    const cut = await refusal(convertSpeechWav(toneWav(1, 0.5).subarray(0, 30)));
    expect(cut.code).toBe('not_pcm_wav');
  });

  it('refuses silence and speech longer than allowed', async () => {
    expect((await refusal(convertSpeechWav(toneWav(1, 0)))).code).toBe('silent');
    expect((await refusal(convertSpeechWav(toneWav(0.02, 0.5)))).code).toBe('silent');
    const long = await refusal(convertSpeechWav(toneWav(2, 0.5), { maxSeconds: 1 }));
    expect(long.message).toBe('the speech is longer than 1 s');
  });
});
