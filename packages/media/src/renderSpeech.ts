import { AudioRejected } from './AudioRejected.ts';
import { type ConvertedAudio, convertAudio } from './convertAudio.ts';
import { ProcessFailed } from './runProcess.ts';
import type { SpeechEngine, SpeechRequest } from './SpeechEngine.ts';
import { SpeechFailed } from './SpeechFailed.ts';

const answers: Record<AudioRejected['code'], string> = {
  silent: 'no sound for this text',
  too_long: 'more speech than a prompt may hold',
  too_big: 'more audio than a prompt may hold',
  not_audio: 'something that is not audio we can read',
  corrupt: 'damaged audio',
};

/**
 * Speaks `request` with `engine` and converts the answer for Asterisk. The engine's own pauses are
 * kept (no silence trimming that could clip a soft first sound); loudness is normalised like uploads.
 * Throws SpeechFailed only.
 */
export async function renderSpeech(
  engine: SpeechEngine,
  request: SpeechRequest,
  signal?: AbortSignal,
): Promise<ConvertedAudio> {
  const audio = await engine.render(request, signal);
  try {
    return await convertAudio(audio, { trimSilence: false, ...(signal ? { signal } : {}) });
  } catch (error) {
    if (error instanceof AudioRejected) {
      const what = answers[error.code];
      throw new SpeechFailed(engine.id, 'bad_answer', `The speech engine ${engine.id} returned ${what}.`);
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
