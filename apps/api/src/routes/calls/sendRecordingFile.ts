import type { StoredRecordingFile } from '@callflow/ari';
import type { Request, Response } from 'express';

type ByteRange = { start: number; end: number } | 'unsatisfiable' | undefined;

/** One `bytes=` range (RFC 9110); several ranges or a malformed header are ignored (whole file). */
export function byteRange(header: string | undefined, size: number): ByteRange {
  const match = header === undefined ? null : /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (match === null) return undefined;
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return undefined;
  if (first === '') {
    const suffix = Number(last);
    return suffix === 0 || size === 0
      ? 'unsatisfiable'
      : { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  // `last` before `first` makes the header invalid, which means: ignore it.
  if (last !== '' && Number(last) < start) return undefined;
  if (start >= size) return 'unsatisfiable';
  return { start, end: last === '' ? size - 1 : Math.min(Number(last), size - 1) };
}

const fileExtensions: Record<string, string> = {
  'audio/wav': 'wav',
  'audio/x-wav': 'wav',
  'audio/wave': 'wav',
  'audio/gsm': 'gsm',
  'audio/x-gsm': 'gsm',
  'audio/basic': 'ulaw',
  'audio/pcmu': 'ulaw',
  'audio/ogg': 'ogg',
  'audio/mpeg': 'mp3',
};

/**
 * Answers with a recording's file (named `name`): audio inline as what it is, anything else as a
 * download the browser never renders; one byte range honoured (206, or 416 when outside the file).
 */
export function sendRecordingFile(
  request: Request,
  response: Response,
  name: string,
  file: StoredRecordingFile,
): void {
  const mediaType = file.contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  const audio = mediaType.startsWith('audio/');
  const extension = fileExtensions[mediaType];
  const baseName = (name.split('/').at(-1) ?? 'recording').replace(/[^A-Za-z0-9_.-]/g, '_');
  const fileName = extension === undefined ? baseName : `${baseName}.${extension}`;
  const size = file.bytes.byteLength;
  response.set({
    'content-type': audio ? file.contentType : 'application/octet-stream',
    'content-disposition': `${audio ? 'inline' : 'attachment'}; filename="${fileName}"`,
    'x-content-type-options': 'nosniff',
    'cache-control': 'private, no-cache',
    'accept-ranges': 'bytes',
  });
  const range = byteRange(request.headers.range, size);
  if (range === 'unsatisfiable') {
    response.status(416).set('content-range', `bytes */${size}`).end();
  } else if (range === undefined) {
    response.status(200).set('content-length', String(size)).end(Buffer.from(file.bytes));
  } else {
    response
      .status(206)
      .set({
        'content-range': `bytes ${range.start}-${range.end}/${size}`,
        'content-length': String(range.end - range.start + 1),
      })
      .end(Buffer.from(file.bytes.subarray(range.start, range.end + 1)));
  }
}
