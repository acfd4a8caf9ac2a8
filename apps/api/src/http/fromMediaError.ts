import { requestProblem } from '@callflow/contract';
import { AudioRejected, SpeechFailed } from '@callflow/media';
import { ApiError } from './ApiError.ts';

/** How each refusal of a file is answered: too big 413, not audio 415, anything else about it 422. */
const rejectedStatus = { too_big: 413, not_audio: 415, too_long: 422, corrupt: 422, silent: 422 } as const;

/**
 * Audio the converter refused (AudioRejected) or text the speech engine could not speak (SpeechFailed)
 * as the API's answer, in the media package's words (they name no path, no credentials); other errors
 * pass. mountRoutes applies it to whatever a handler throws.
 */
export function fromMediaError(error: unknown): unknown {
  if (error instanceof AudioRejected)
    return new ApiError(rejectedStatus[error.code], 'audio_rejected', error.message, { reason: error.code });
  if (error instanceof SpeechFailed) {
    if (error.reason === 'invalid_request')
      return ApiError.invalid([requestProblem('body', error.message)], error.message);
    return new ApiError(502, 'speech_failed', error.message, { engine: error.engineId });
  }
  return error;
}
