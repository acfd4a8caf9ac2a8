import {
  AriError,
  type StoredRecording as AriStoredRecording,
  type StoredRecordingFile,
} from '@callflow/ari';
import {
  type CallRecording,
  callRecordingListResponseSchema,
  errorBody,
  invalidRequestBody,
  type RecordingServer,
  recordingListFailureSchema,
  recordingListResponseSchema,
} from '@callflow/contract';
import { z } from 'zod';
import type { AriServer } from '../../ari/AriServers.ts';
import { ApiError } from '../../http/ApiError.ts';
import { type ApiServices, defineRoute } from '../../http/defineRoute.ts';
import { fromAriError } from '../../http/fromAriError.ts';
import { requireAri } from '../../http/requireAri.ts';
import { requireAriServer } from '../../http/requireAriServer.ts';
import { callIdParams } from './callRoutes.ts';
import { parseVariables } from './callShapes.ts';

/**
 * Recordings live on the Asterisk server that made them and are read from it through ARI by the API:
 * the browser never talks to ARI, and no ARI address, user or password appears in a response (ARI
 * failures are logged with their details and answered with a generic message). Servers are named as
 * the runtime names them in `Call.asteriskServer`.
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
  .max(255)
  .refine(
    isSafeRecordingName,
    'a recording name is a path below the recordings folder (e.g. `callflow/abc`), without `..`, empty segments or backslashes',
  );

/**
 * Where the API serves a recording's file: the name is one URL-encoded path segment; the server is
 * always given, so the link stays right when a second server is configured.
 */
export const recordingFileUrl = (name: string, server: string): string =>
  `/api/recordings/${encodeURIComponent(name)}/file?server=${encodeURIComponent(server)}`;

const byNameThenServer = (
  a: { name: string; server: string },
  b: { name: string; server: string },
): number =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : a.server < b.server ? -1 : a.server > b.server ? 1 : 0;

const listRecordings = defineRoute({
  method: 'get',
  path: '/recordings',
  summary:
    'Recordings stored on every configured Asterisk server (read through ARI), by name then server; a server that cannot be asked is reported in `servers`, and the answer is an error (with `servers`) only when none can',
  tag: 'recordings',
  access: 'viewer',
  query: z.object({
    prefix: z.string().min(1).max(255).optional().describe('Only names starting with this, e.g. `callflow/`'),
  }),
  responses: {
    200: recordingListResponseSchema,
    502: recordingListFailureSchema,
    503: errorBody,
    504: recordingListFailureSchema,
  },
  handler: async ({ query, services }) => {
    const servers = requireAri(services, 'recordings are read');
    const answers = await Promise.all(servers.map((server) => listServer(services, server)));
    const reported = answers.map(
      (answer): RecordingServer =>
        'failure' in answer
          ? {
              name: answer.server.name,
              state: 'unavailable',
              error: { error: answer.failure.code, message: answer.failure.message },
            }
          : { name: answer.server.name, state: 'ok' },
    );
    const failures = answers.flatMap((answer) => ('failure' in answer ? [answer.failure] : []));
    // Nothing to show at all: the first server's error, as with a single server, and what each answered.
    const [first] = failures;
    if (first !== undefined && failures.length === answers.length) {
      throw new ApiError(first.status, first.code, first.message, { servers: reported });
    }
    const items = answers
      .flatMap(({ server, ...answer }) =>
        'stored' in answer
          ? answer.stored.map(({ name, format }) => ({
              name,
              format,
              server: server.name,
              fileUrl: recordingFileUrl(name, server.name),
            }))
          : [],
      )
      .filter(({ name }) => query.prefix === undefined || name.startsWith(query.prefix))
      .sort(byNameThenServer);
    return { status: 200, body: { items, servers: reported } };
  },
});

/** One server's recordings, or the API error its failure would have answered. */
async function listServer(
  services: ApiServices,
  server: AriServer,
): Promise<{ server: AriServer; stored: AriStoredRecording[] } | { server: AriServer; failure: ApiError }> {
  try {
    return { server, stored: await server.client.recordings.listStored() };
  } catch (error) {
    const failure = fromAriError(services, error, 'the recordings list', server.name);
    if (failure instanceof ApiError) return { server, failure };
    throw failure;
  }
}

/**
 * The server a file is read from: the one named, or the only one. With several and none named the
 * request is ambiguous (a name may exist on more than one server), so it is refused.
 */
function fileServer(services: ApiServices, name: string, server: string | undefined): AriServer {
  const reading = `recording ${name} is read`;
  if (server !== undefined) return requireAriServer(services, server, reading);
  const servers = requireAri(services, reading);
  if (servers.length === 1) return servers[0];
  throw ApiError.invalid(
    [
      {
        path: 'query.server',
        message: `name the Asterisk server that has it: one of ${services.ari.names.join(', ')}`,
      },
    ],
    'this API reads several Asterisk servers: say which one has the recording (?server=)',
  );
}

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
  query: z.object({
    server: z
      .string()
      .min(1)
      .max(255)
      .optional()
      .describe(
        'The Asterisk server that has it, as in `Call.asteriskServer`; may be left out when the API has a single server',
      ),
  }),
  responses: {
    200: null,
    206: null,
    400: invalidRequestBody,
    404: errorBody,
    416: null,
    502: errorBody,
    503: errorBody,
    504: errorBody,
  },
  handler: async ({ params, query, services, request, response }) => {
    const server = fileServer(services, params.name, query.server);
    // A client that goes away cancels the download from Asterisk.
    const gone = new AbortController();
    const onClose = () => gone.abort();
    response.once('close', onClose);
    let file: StoredRecordingFile;
    try {
      file = await server.client.recordings.getStoredFile(params.name, {
        signal: gone.signal,
        timeoutMs: 60_000,
      });
    } catch (error) {
      if (gone.signal.aborted) return 'handled';
      throw fromAriError(services, error, `recording ${params.name}`, server.name);
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
    "Recordings made during a call (named by its record steps' variables), with whether the Asterisk server that handled the call has them; 503 when the API is not configured with that server",
  tag: 'recordings',
  access: 'viewer',
  params: callIdParams,
  responses: {
    200: callRecordingListResponseSchema,
    404: errorBody,
    503: errorBody,
  },
  handler: async ({ params, services }) => {
    const { prisma } = services.db;
    const call = await prisma.call.findUnique({
      where: { id: params.callId },
      select: {
        id: true,
        asteriskServer: true,
        steps: { where: { kind: 'record' }, orderBy: { seq: 'asc' } },
      },
    });
    if (call === null) throw ApiError.notFound(`call ${params.callId}`);
    // Without any ARI the steps are still worth showing; with ARI, only the call's own server will do.
    const server =
      services.ari.list.length === 0
        ? null
        : requireAriServer(services, call.asteriskServer, `the recordings of call ${call.id} are read`);
    const named = new Map<string, Pick<CallRecording, 'nodeId' | 'seq' | 'recordedAt'>>();
    for (const step of call.steps) {
      for (const value of Object.values(parseVariables(step.variables))) {
        if (value !== '' && !named.has(value)) {
          named.set(value, { nodeId: step.nodeId, seq: step.seq, recordedAt: step.enteredAt.toISOString() });
        }
      }
    }
    let ariState: 'ok' | 'not_configured' | 'unavailable' = server === null ? 'not_configured' : 'ok';
    const items = await Promise.all(
      [...named].map(async ([name, step]) => {
        const safe = isSafeRecordingName(name);
        let available: boolean | null = null;
        let format: string | null = null;
        if (safe && server !== null) {
          try {
            format = (await server.client.recordings.getStored(name)).format;
            available = true;
          } catch (error) {
            if (error instanceof AriError && error.kind === 'not_found') available = false;
            else {
              ariState = 'unavailable';
              services.log('warn', 'cannot check a recording through ARI', {
                server: call.asteriskServer,
                reason: error instanceof Error ? error.message : String(error),
              });
            }
          }
        }
        return {
          name,
          ...step,
          fileUrl: safe ? recordingFileUrl(name, call.asteriskServer) : null,
          available,
          format,
        };
      }),
    );
    return { status: 200, body: { items, ari: ariState } };
  },
});

export { callRecordings, listRecordings, recordingFile };
