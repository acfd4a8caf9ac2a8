import { AudioRejected } from './AudioRejected.ts';
import { type ConvertedAudio, convertAudio } from './convertAudio.ts';
import { convertSpeechWav, SpeechWavRefused } from './convertSpeechWav.ts';
import { ProcessFailed } from './runProcess.ts';
import type { SpeechEngine, SpeechRequest } from './SpeechEngine.ts';
import { SpeechFailed } from './SpeechFailed.ts';

const answers: Record<AudioRejected['code'] | SpeechWavRefused['code'], string> = {
  silent: 'no sound for this text',
  too_long: 'more speech than a prompt may hold',
  too_big: 'more audio than a prompt may hold',
  not_audio: 'something that is not audio we can read',
  corrupt: 'damaged audio',
  not_pcm_wav: 'audio that is not a 16-bit mono PCM WAV',
};

/**
 * Speaks `request` with `engine` and converts the answer for Asterisk. The engine's own pauses are
 * kept (no silence trimming that could clip a soft first sound); loudness is normalised like uploads.
 * An engine answering PCM WAV (espeak-ng) takes the fast path (convertSpeechWav: no ffmpeg, which
 * costs a caller waiting for a sentence with a variable ~300 ms to start); any other goes through
 * convertAudio. Throws SpeechFailed only.
 */
export async function renderSpeech(
  engine: SpeechEngine,
  request: SpeechRequest,
  signal?: AbortSignal,
): Promise<ConvertedAudio> {
  const audio = await engine.render(request, signal);
  const options = signal ? { signal } : {};
  try {
    if (engine.answersPcmWav) return await convertSpeechWav(audio, options);
    return await convertAudio(audio, { trimSilence: false, ...options });
  } catch (error) {
    if (error instanceof AudioRejected || error instanceof SpeechWavRefused) {
      const what = answers[error.code];
      const why =
        error instanceof SpeechWavRefused && error.code === 'not_pcm_wav' ? `: ${error.message}` : '';
      throw new SpeechFailed(
        engine.id,
        'bad_answer',
        `The speech engine ${engine.id} returned ${what}${why}.`,
      );
    }
    if (error instanceof ProcessFailed) {
      throw SpeechFailed.fromProcess(
        engine.id,
        error,
        `Converting the speech of ${engine.id} failed: ${error.message}.`,
      );
    }
    throw error;
  }
}
