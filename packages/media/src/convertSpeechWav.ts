import { defaultMaxAudioSeconds, maxAudioUploadBytes, silencePeak } from './audioLimits.ts';
import type { ConvertedAudio } from './convertAudio.ts';
import { integratedLoudness } from './integratedLoudness.ts';
import { normalizedAudio } from './normalizedAudio.ts';
import { samplePeak } from './normalizeLoudness.ts';
import { ProcessFailed, runProcess } from './runProcess.ts';
import { parseWavHeader } from './wavFile.ts';

export interface ConvertSpeechWavOptions {
  /** The longest speech accepted. Default 300. */
  readonly maxSeconds?: number;
  readonly signal?: AbortSignal;
}

/** Why a rendering is not the 16-bit mono PCM WAV the engine promised, or not a prompt. */
export class SpeechWavRefused extends Error {
  override readonly name = 'SpeechWavRefused';
  constructor(
    readonly code: 'not_pcm_wav' | 'silent' | 'too_long',
    message: string,
  ) {
    super(message);
  }
}

const soxTimeoutMs = 10_000;

/**
 * The fast path for a speech engine that answers a 16-bit mono PCM WAV (espeak-ng): the same
 * ConvertedAudio as convertAudio, without ffmpeg, whose start-up alone costs ~300 ms on a small
 * server while a caller waits. The samples are read here, resampled to 16 and 8 kHz by two sox runs at
 * once (~10 ms to start each; sox's default high-quality rate, float output, so no dither: the same
 * input always gives the same bytes), and the gain comes from the BS.1770 loudness measured here,
 * applied as convertAudio applies it. Nothing is trimmed (speech keeps its pauses).
 * Throws SpeechWavRefused for audio that cannot be a prompt, ProcessFailed when sox could not run.
 */
export async function convertSpeechWav(
  wav: Uint8Array,
  options: ConvertSpeechWavOptions = {},
): Promise<ConvertedAudio> {
  const maxSeconds = options.maxSeconds ?? defaultMaxAudioSeconds;
  const source = speechSamples(wav);
  if (source.samples.length / 2 > maxSeconds * source.sampleRate) {
    throw new SpeechWavRefused('too_long', `the speech is longer than ${maxSeconds} s`);
  }
  const [wide, narrow] = await Promise.all(
    [16_000, 8000].map((rate) => resample(source.samples, source.sampleRate, rate, maxSeconds, options)),
  );
  if (!wide || !narrow || narrow.length < 8 * 50 || samplePeak(wide) < silencePeak) {
    throw new SpeechWavRefused('silent', 'the speech has no sound');
  }
  return normalizedAudio(integratedLoudness(wide, 16_000), narrow, wide);
}

/** The raw 16-bit little-endian samples of a mono PCM WAV (a streamed header's length is ignored). */
function speechSamples(wav: Uint8Array): { samples: Buffer; sampleRate: number } {
  if (wav.byteLength > maxAudioUploadBytes) {
    throw new SpeechWavRefused('not_pcm_wav', `the audio is bigger than ${maxAudioUploadBytes} bytes`);
  }
  let info: ReturnType<typeof parseWavHeader>;
  try {
    info = parseWavHeader(wav);
  } catch (error) {
    throw new SpeechWavRefused('not_pcm_wav', error instanceof Error ? error.message : String(error));
  }
  if (info.channels !== 1 || info.bitsPerSample !== 16) {
    throw new SpeechWavRefused(
      'not_pcm_wav',
      `the WAV has ${info.channels} channel(s) of ${info.bitsPerSample}-bit samples, not mono 16-bit`,
    );
  }
  if (info.sampleRate < 8000 || info.sampleRate > 96_000) {
    throw new SpeechWavRefused('not_pcm_wav', `the WAV's sample rate ${info.sampleRate} Hz is not speech`);
  }
  const samples = Buffer.from(wav.buffer, wav.byteOffset + info.dataOffset, info.dataBytes);
  return { samples, sampleRate: info.sampleRate };
}

/** One sox run: raw 16-bit samples in on stdin, 32-bit float at `toRate` out on stdout. */
async function resample(
  samples: Buffer,
  fromRate: number,
  toRate: number,
  maxSeconds: number,
  options: ConvertSpeechWavOptions,
): Promise<Float32Array> {
  const raw = (rate: number, encoding: string, bits: number) => [
    '-t',
    'raw',
    '-r',
    String(rate),
    '-c',
    '1',
    '-e',
    encoding,
    '-b',
    String(bits),
    '-L',
  ];
  const result = await runProcess(
    'sox',
    [
      ...['-D', '-V1', '--no-glob'],
      ...raw(fromRate, 'signed-integer', 16),
      '-',
      ...raw(toRate, 'floating-point', 32),
      '-',
      ...['rate', '-h', String(toRate)],
    ],
    {
      input: samples,
      timeoutMs: soxTimeoutMs,
      signal: options.signal,
      maxOutputBytes: (maxSeconds + 2) * toRate * 4,
    },
  );
  const out = result.outputs[0];
  if (result.code !== 0 || out === undefined) {
    const reason = result.stderr.trim().split('\n')[0] || `exit code ${result.code}`;
    throw new ProcessFailed('sox', 'failed', `sox could not resample the speech (${reason})`);
  }
  const floats = new Float32Array(Math.floor(out.length / 4));
  for (let i = 0; i < floats.length; i++) floats[i] = out.readFloatLE(i * 4);
  return floats;
}
