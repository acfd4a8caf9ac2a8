import type { ZodError } from 'zod';
import type { ProcessFailed } from './runProcess.ts';

export type SpeechFailure = 'invalid_request' | 'unavailable' | 'timeout' | 'bad_answer' | 'aborted';

/**
 * Text that could not be spoken. `message` names the engine (espeak-ng, or the HTTP engine's host)
 * and what went wrong, never its address's path or query, nor its credentials.
 */
export class SpeechFailed extends Error {
  override readonly name = 'SpeechFailed';
  constructor(
    readonly engineId: string,
    readonly reason: SpeechFailure,
    message: string,
  ) {
    super(message);
  }

  static invalidRequest(engineId: string, error: ZodError): SpeechFailed {
    const problems = error.issues.map((issue) => `${issue.path.join('.') || 'request'}: ${issue.message}`);
    return new SpeechFailed(engineId, 'invalid_request', `Cannot speak this: ${problems.join('; ')}.`);
  }

  /** A program of ours (espeak-ng, ffmpeg) that did not finish: too slow, cancelled or missing. */
  static fromProcess(engineId: string, error: ProcessFailed, message: string): SpeechFailed {
    const reason =
      error.reason === 'timeout' ? 'timeout' : error.reason === 'aborted' ? 'aborted' : 'unavailable';
    return new SpeechFailed(engineId, reason, message);
  }
}
