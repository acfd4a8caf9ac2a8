import { AriError, type StoredRecordingFile } from '@callflow/runtime/ari';
import { z } from 'zod';
import {
  type CallRecording,
  callRecordingListResponseSchema,
  recordingListResponseSchema,
} from '../../contract/index.ts';
import { ApiError } from '../../http/ApiError.ts';
import { defineRoute } from '../../http/defineRoute.ts';
import { fromAriError } from '../../http/fromAriError.ts';
import { requireAri } from '../../http/requireAri.ts';
import { callIdParams } from './callRoutes.ts';
import { parseVariables } from './callShapes.ts';

/**
 * Recordings live on the Asterisk server and are read through ARI by the API: the browser never
 * talks to ARI, and no ARI address, user or password appears in a response (ARI failures are logged
 * with their details and answered with a generic message).
 */

/** Below Asterisk's recording folder, possibly in sub folders (`callflow/abc`); never `..`. */
export function isSafeRecordingName(name: string): boolean {
  return (
    name.length > 0 &&
    name.length <= 255 &&
    !name.includes('..') &&
    !name.startsWith('/') &&
    !name.split('/').some((segment) => segment === '' || segment === '.') &&
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
    !/[\\\u0000-\u001f\u007f]/.test(name)
  );
}

const recordingNameSchema = z
  .string()
  .refine(
    isSafeRecordingName,
    'a recording name is a path below the recordings folder (e.g. `callflow/abc`), without `..`, empty segments or backslashes',
  );

/** Where the API serves a recording's file; the name is one URL-encoded path segment. */
export const recordingFileUrl = (name: string): string => `/api/recordings/${encodeURIComponent(name)}/file`;

const listRecordings = defineRoute({
  method: 'get',
  path: '/recordings',
  summary: 'Recordings stored on Asterisk (read through ARI), by name',
  tag: 'recordings',
  access: 'viewer',
  query: z.object({
    prefix: z.string().min(1).max(255).optional().describe('Only names starting with this, e.g. `callflow/`'),
  }),
  responses: { 200: recordingListResponseSchema, 502: null, 503: null, 504: null },
  handler: async ({ query, services }) => {
    const ari = requireAri(services, 'recordings are read');
    const stored = await ari.recordings.listStored().catch((error: unknown) => {
      throw fromAriError(services, error, 'the recordings list');
    });
    const items = stored
      .filter((recording) => query.prefix === undefined || recording.name.startsWith(query.prefix))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .map((recording) => ({
        name: recording.name,
        format: recording.format,
        fileUrl: recordingFileUrl(recording.name),
      }));
    return { status: 200, body: { items } };
  },
});

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

const recordingFile = defineRoute({
  method: 'get',
  path: '/recordings/:name/file',
  summary:
    'The audio file of a stored recording, proxied from ARI (name URL-encoded as one segment, e.g. `callflow%2Fabc`); honours a single byte range',
  tag: 'recordings',
  access: 'viewer',
  params: z.object({ name: recordingNameSchema }),
  responses: { 200: null, 206: null, 404: null, 416: null, 502: null, 503: null, 504: null },
  handler: async ({ params, services, request, response }) => {
    const ari = requireAri(services, 'recordings are read');
    // A client that goes away cancels the download from Asterisk.
    const gone = new AbortController();
    const onClose = () => gone.abort();
    response.once('close', onClose);
    let file: StoredRecordingFile;
    try {
      file = await ari.recordings.getStoredFile(params.name, { signal: gone.signal, timeoutMs: 60_000 });
    } catch (error) {
      if (gone.signal.aborted) return 'handled';
      throw fromAriError(services, error, `recording ${params.name}`);
    } finally {
      response.off('close', onClose);
    }
    const mediaType = file.contentType.split(';')[0]?.trim().toLowerCase() ?? '';
    const audio = mediaType.startsWith('audio/');
    const extension = fileExtensions[mediaType];
    const baseName = (params.name.split('/').at(-1) ?? 'recording').replace(/[^A-Za-z0-9_.-]/g, '_');
    const fileName = extension === undefined ? baseName : `${baseName}.${extension}`;
    const size = file.bytes.byteLength;
    response.set({
      // Only audio is served as what it is; anything else is a download, never rendered by the browser.
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
    return 'handled';
  },
});

const callRecordings = defineRoute({
  method: 'get',
  path: '/calls/:callId/recordings',
  summary:
    "Recordings made during a call (named by its record steps' variables), with whether Asterisk has them",
  tag: 'recordings',
  access: 'viewer',
  params: callIdParams,
  responses: {
    200: callRecordingListResponseSchema,
    404: null,
  },
  handler: async ({ params, services }) => {
    const { prisma } = services.db;
    const call = await prisma.call.findUnique({
      where: { id: params.callId },
      select: { id: true, steps: { where: { kind: 'record' }, orderBy: { seq: 'asc' } } },
    });
    if (call === null) throw ApiError.notFound(`call ${params.callId}`);
    const named = new Map<string, Pick<CallRecording, 'nodeId' | 'seq' | 'recordedAt'>>();
    for (const step of call.steps) {
      for (const value of Object.values(parseVariables(step.variables))) {
        if (value !== '' && !named.has(value)) {
          named.set(value, { nodeId: step.nodeId, seq: step.seq, recordedAt: step.enteredAt.toISOString() });
        }
      }
    }
    const ari = services.ari;
    let ariState: 'ok' | 'not_configured' | 'unavailable' = ari === null ? 'not_configured' : 'ok';
    const items = await Promise.all(
      [...named].map(async ([name, step]) => {
        const safe = isSafeRecordingName(name);
        let available: boolean | null = null;
        let format: string | null = null;
        if (safe && ari !== null) {
          try {
            format = (await ari.recordings.getStored(name)).format;
            available = true;
          } catch (error) {
            if (error instanceof AriError && error.kind === 'not_found') available = false;
            else {
              ariState = 'unavailable';
              services.log('warn', 'cannot check a recording through ARI', {
                reason: error instanceof Error ? error.message : String(error),
              });
            }
          }
        }
        return { name, ...step, fileUrl: safe ? recordingFileUrl(name) : null, available, format };
      }),
    );
    return { status: 200, body: { items, ari: ariState } };
  },
});

export { callRecordings, listRecordings, recordingFile };
