import { acceptedAudioTypes } from './audioLimits.ts';

export type AudioRejectedCode = 'too_big' | 'too_long' | 'not_audio' | 'corrupt' | 'silent';

/** Audio that cannot become a prompt; `message` is a sentence for the person who uploaded it. */
export class AudioRejected extends Error {
  override readonly name = 'AudioRejected';
  constructor(
    readonly code: AudioRejectedCode,
    message: string,
  ) {
    super(message);
  }

  static tooBig(bytes: number, limitBytes: number): AudioRejected {
    return new AudioRejected(
      'too_big',
      `The file is ${formatMegabytes(bytes)}; the limit is ${formatMegabytes(limitBytes)}.`,
    );
  }

  /** `durationMs` null: the file does not say how long it is, only that it is longer than allowed. */
  static tooLong(durationMs: number | null, maxSeconds: number): AudioRejected {
    const limit = formatDuration(maxSeconds * 1000);
    return new AudioRejected(
      'too_long',
      durationMs === null
        ? `The recording is longer than ${limit}; prompts can be at most ${limit}.`
        : `The recording is ${formatDuration(durationMs)} long; prompts can be at most ${limit}.`,
    );
  }

  /** `looksLike`: what the file seems to be instead ("a PDF"), when known. */
  static notAudio(looksLike: string | null): AudioRejected {
    const what = looksLike === null ? '' : ` (it looks like ${looksLike})`;
    return new AudioRejected(
      'not_audio',
      `This file is not audio we can read${what}. Upload ${acceptedAudioTypes}.`,
    );
  }

  static empty(): AudioRejected {
    return new AudioRejected('not_audio', `The file is empty. Upload ${acceptedAudioTypes}.`);
  }

  static noSoundTrack(): AudioRejected {
    return new AudioRejected('not_audio', `This file has no sound track. Upload ${acceptedAudioTypes}.`);
  }

  static corrupt(): AudioRejected {
    return new AudioRejected(
      'corrupt',
      'The audio in this file is damaged or incomplete, so it cannot be played. Save or export it again and upload the new file.',
    );
  }

  static silent(): AudioRejected {
    return new AudioRejected('silent', 'The file has no sound (it is all silence).');
  }
}

/** 31 MB, 20 MB, 20.1 MB: rounded up, so a file just over the limit never reads as the limit itself. */
function formatMegabytes(bytes: number): string {
  const tenths = Math.ceil((bytes / (1024 * 1024)) * 10) / 10;
  return `${tenths >= 10 ? Math.ceil(tenths) : tenths} MB`;
}

/** 12 min 3 s, 5 min, 45 s. */
function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  if (minutes === 0) return `${rest} s`;
  return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`;
}
