import { AudioRejected, maxAudioUploadBytes } from '@callflow/media';
import express, { type Request, type Response } from 'express';
import { ApiError } from './ApiError.ts';

/**
 * What a browser labels the files people upload or record: any audio type, WebM/MP4/Ogg containers
 * (a recording is `audio/webm`, a file picker may say `video/webm`), or no idea (octet-stream). The
 * bytes decide in the end: the converter reads the file's own signature, never this header.
 */
const acceptedType = /^(?:audio\/[a-z0-9.+-]+|video\/(?:webm|mp4|ogg)|application\/(?:octet-stream|ogg))$/;

const readRaw = express.raw({ type: () => true, limit: maxAudioUploadBytes });

function refused(status: 413 | 415, rejection: AudioRejected): ApiError {
  return new ApiError(status, 'audio_rejected', rejection.message, { reason: rejection.code });
}

function hasStatus(error: unknown, status: number): boolean {
  return typeof error === 'object' && error !== null && 'status' in error && error.status === status;
}

/**
 * Reads an audio upload (`bodyLimit: 'audio'`) into `request.body` as a Buffer: at most
 * maxAudioUploadBytes (20 MiB), refused from its Content-Length before a byte is read when announced
 * larger, cut off at the limit otherwise (413); a Content-Type that is not audio is refused (415).
 * Both answers are `audio_rejected`, as a file the converter refuses.
 */
export function readAudioBody(request: Request, response: Response): Promise<void> {
  const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!acceptedType.test(type)) return Promise.reject(refused(415, AudioRejected.notAudio(null)));
  const announced = Number(request.headers['content-length']);
  if (announced > maxAudioUploadBytes)
    return Promise.reject(refused(413, AudioRejected.tooBig(announced, maxAudioUploadBytes)));
  return new Promise((resolve, reject) => {
    readRaw(request, response, (error?: unknown) => {
      if (error === undefined) {
        // No body at all leaves it unset: an empty file, which the converter refuses in words.
        if (!Buffer.isBuffer(request.body)) request.body = Buffer.alloc(0);
        resolve();
      } else if (hasStatus(error, 413)) {
        const limitMb = maxAudioUploadBytes / (1024 * 1024);
        reject(
          new ApiError(
            413,
            'audio_rejected',
            `The file is larger than ${limitMb} MB; the limit is ${limitMb} MB.`,
            {
              reason: 'too_big',
            },
          ),
        );
      } else reject(error);
    });
  });
}
