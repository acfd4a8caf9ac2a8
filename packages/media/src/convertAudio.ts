import { AudioRejected } from './AudioRejected.ts';
import { defaultMaxAudioSeconds, maxAudioUploadBytes, silencePeak } from './audioLimits.ts';
import { normalizedAudio } from './normalizedAudio.ts';
import { samplePeak } from './normalizeLoudness.ts';
import { runProcess } from './runProcess.ts';
import { type SniffedFile, sniffAudioContainer } from './sniffAudioContainer.ts';
import { withPrivateTempFile } from './withPrivateTempFile.ts';

export interface ConvertAudioOptions {
  /** The longest audio accepted (the file's whole length, silence included). Default 300. */
  readonly maxSeconds?: number;
  readonly signal?: AbortSignal;
  /** Cut silence at the start and the end (default true; speech renderings keep theirs). */
  readonly trimSilence?: boolean;
}

/** One clip as Asterisk plays it without transcoding. */
export interface ConvertedAudio {
  /** 8 kHz 16-bit mono PCM WAV (Asterisk's format "wav"). */
  readonly narrowband: Buffer;
  /** 16 kHz 16-bit mono PCM WAV (Asterisk's format "wav16"). */
  readonly wideband: Buffer;
  /** sha256 hex of `narrowband`: the clip's name wherever it is stored or served. */
  readonly hash: string;
  readonly durationMs: number;
  /** Exactly 120 values in 0..1: the largest |sample| of each slice, for drawing the waveform. */
  readonly peaks: number[];
}

const ffmpegTimeoutMs = 30_000;
/**
 * Trimming looks at the peak in each 20 ms window: the RMS detector of ffmpeg 5.1 (Debian 12) was
 * measured to drop a whole loud tone once reversed (its running sum drifts), the peak detector not.
 */
const trimEnd =
  'silenceremove=start_periods=1:start_duration=0.05:start_threshold=-40dB:start_silence=0.1:detection=peak';

/**
 * Converts an upload, a browser recording or a speech rendering into the two WAVs Asterisk plays:
 * mono, leading and trailing silence trimmed, loudness normalised (EBU R128, about -16 LUFS).
 * Throws AudioRejected with a message for the person when the input cannot become a prompt, and
 * ProcessFailed when this server could not do it (ffmpeg missing, over 30 s, the caller gave up).
 */
export async function convertAudio(
  input: Uint8Array,
  options: ConvertAudioOptions = {},
): Promise<ConvertedAudio> {
  const maxSeconds = options.maxSeconds ?? defaultMaxAudioSeconds;
  if (!(maxSeconds > 0 && maxSeconds <= 3600))
    throw new RangeError(`maxSeconds must be in (0, 3600], got ${maxSeconds}`);
  if (input.byteLength > maxAudioUploadBytes)
    throw AudioRejected.tooBig(input.byteLength, maxAudioUploadBytes);
  if (input.byteLength === 0) throw AudioRejected.empty();
  const sniffed = sniffAudioContainer(input);
  if (sniffed.kind === 'other') throw AudioRejected.notAudio(sniffed.looksLike);

  const args = (path: string) =>
    conversionArgs(path, sniffed.demuxer, maxSeconds, options.trimSilence ?? true);
  const result = await withPrivateTempFile(input, (path) =>
    runProcess('ffmpeg', args(path), {
      timeoutMs: ffmpegTimeoutMs,
      signal: options.signal,
      // 32-bit float at 16 kHz for the longest allowed clip, and a little more.
      maxOutputBytes: (maxSeconds + 2) * 16_000 * 4,
      extraOutputs: 2,
    }),
  );
  const [lengthProbe, wideFloat, narrowFloat] = result.outputs;
  if (result.code !== 0 || !lengthProbe || !wideFloat || !narrowFloat) {
    if (/matches no streams|does not contain any stream/.test(result.stderr))
      throw AudioRejected.noSoundTrack();
    throw AudioRejected.corrupt();
  }
  // The length probe is the decoded audio, before any trimming, at one byte per millisecond.
  if (lengthProbe.length === 0) throw AudioRejected.corrupt();
  const decodedMs = lengthProbe.length;
  const stated = statedDurationMs(result.stderr);
  if (decodedMs > maxSeconds * 1000 + 20) {
    throw AudioRejected.tooLong(stated !== null && stated > maxSeconds * 1000 ? stated : null, maxSeconds);
  }
  // A file cut short (an interrupted copy or download) still decodes up to the cut: its header knows better.
  if (stated !== null && decodedMs < stated * 0.9 - 250) throw AudioRejected.corrupt();

  const wide = floatSamples(wideFloat);
  const narrow = floatSamples(narrowFloat);
  if (narrow.length < 8 * 50 || samplePeak(wide) < silencePeak) throw AudioRejected.silent();
  return normalizedAudio(integratedLoudness(result.stderr), narrow, wide);
}

/**
 * One ffmpeg run: decode with the one reader the magic bytes named (and only local file access),
 * at most maxSeconds + 1 s; measure the decoded length (fd 1), and write the mono clip, trimmed and
 * measured by ebur128, as 32-bit float at 16 kHz (fd 3) and 8 kHz (fd 4).
 */
function conversionArgs(
  path: string,
  demuxer: Extract<SniffedFile, { kind: 'audio' }>['demuxer'],
  maxSeconds: number,
  trimSilence: boolean,
): string[] {
  const trim = trimSilence ? `${trimEnd},areverse,${trimEnd},areverse,` : '';
  const graph = [
    '[0:a:0]asplit=2[raw][main]',
    '[raw]aformat=channel_layouts=mono,aresample=1000,aformat=sample_fmts=u8[length]',
    `[main]aformat=channel_layouts=mono,aresample=16000,${trim}ebur128=peak=sample:framelog=verbose,asplit=2[w][n]`,
    '[w]aformat=sample_fmts=flt:sample_rates=16000:channel_layouts=mono[wide]',
    '[n]aresample=8000,aformat=sample_fmts=flt:sample_rates=8000:channel_layouts=mono[narrow]',
  ].join(';');
  return [
    ...['-hide_banner', '-nostdin', '-nostats', '-loglevel', 'info'],
    ...['-protocol_whitelist', 'file', '-f', demuxer, '-t', String(maxSeconds + 1), '-i', `file:${path}`],
    ...['-filter_complex', graph],
    ...['-map', '[length]', '-c:a', 'pcm_u8', '-f', 'u8', 'pipe:1'],
    ...['-map', '[wide]', '-c:a', 'pcm_f32le', '-f', 'f32le', 'pipe:3'],
    ...['-map', '[narrow]', '-c:a', 'pcm_f32le', '-f', 'f32le', 'pipe:4'],
  ];
}

function floatSamples(bytes: Buffer): Float32Array {
  const samples = new Float32Array(Math.floor(bytes.length / 4));
  for (let i = 0; i < samples.length; i++) samples[i] = bytes.readFloatLE(i * 4);
  return samples;
}

/**
 * The container's own length ("Duration: 00:12:03.04"); null when it has none (WebM recordings) or
 * ffmpeg only guessed it from the bitrate.
 */
function statedDurationMs(stderr: string): number | null {
  if (stderr.includes('Estimating duration from bitrate')) return null;
  const match = /Duration: (\d+):(\d\d):(\d\d(?:\.\d+)?)/.exec(stderr);
  if (!match) return null;
  return Math.round((Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3])) * 1000);
}

/**
 * ebur128's integrated loudness; null when the clip is too short to measure (it reports -70). The last
 * summary counts: ffmpeg builds the filter graph once before the real run, and that one reports too.
 */
function integratedLoudness(stderr: string): number | null {
  const summaries = [...stderr.matchAll(/Integrated loudness:\s+I:\s+(-?[\d.]+) LUFS/g)];
  const lufs = Number(summaries.at(-1)?.[1] ?? Number.NaN);
  return Number.isFinite(lufs) && lufs > -70 ? lufs : null;
}
