import {
  AriError,
  type StoredRecording as AriStoredRecording,
  type StoredRecordingFile,
} from '@callflow/ari';
import {
  type CallRecording,
  type CallRecordingListResponse,
  endpoints,
  endpointUrl,
  isSafeRecordingName,
  type RecordingListResponse,
  type RecordingServer,
  requestProblem,
} from '@callflow/contract';
import type { AriServer } from '../../ari/AriServers.ts';
import { ApiError } from '../../http/ApiError.ts';
import type { ApiServices } from '../../http/ApiServices.ts';
import { fromAriError } from '../../http/fromAriError.ts';
import { requireAri } from '../../http/requireAri.ts';
import { requireAriServer } from '../../http/requireAriServer.ts';
import { parseVariables } from '../calls/callViews.ts';

/**
 * Recordings live on the Asterisk server that made them and are read from it through ARI by the API:
 * the browser never talks to ARI, and no ARI address, user or password appears in a response (ARI
 * failures are logged with their details and answered with a generic message). Servers are named as
 * the runtime names them in `Call.asteriskServer`.
 */

/**
 * Where the API serves a recording's file: the name is one URL-encoded path segment; the server is
 * always given, so the link stays right when a second server is configured.
 */
export const recordingFileUrl = (name: string, server: string): string =>
  endpointUrl(endpoints.recordingFile, { params: { name }, query: { server } });

const byNameThenServer = (
  a: { name: string; server: string },
  b: { name: string; server: string },
): number =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : a.server < b.server ? -1 : a.server > b.server ? 1 : 0;

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
 * The recordings of every configured server (names starting with `prefix`), by name then server. A
 * server that cannot be asked is reported in `servers`; only when none can is it an error (the first
 * server's, as with a single server, carrying what each answered).
 */
export async function listStoredRecordings(
  services: ApiServices,
  prefix: string | undefined,
): Promise<RecordingListResponse> {
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
    .filter(({ name }) => prefix === undefined || name.startsWith(prefix))
    .sort(byNameThenServer);
  return { items, servers: reported };
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
      requestProblem(
        'query.server',
        `name the Asterisk server that has it: one of ${services.ari.names.join(', ')}`,
      ),
    ],
    'this API reads several Asterisk servers: say which one has the recording (?server=)',
  );
}

/**
 * A stored recording's file from the server that has it (see fileServer). `signal` cancels the
 * download (the client went away): then it rejects with what the aborted request threw.
 */
export async function readRecordingFile(
  services: ApiServices,
  name: string,
  server: string | undefined,
  signal: AbortSignal,
): Promise<StoredRecordingFile> {
  const from = fileServer(services, name, server);
  try {
    return await from.client.recordings.getStoredFile(name, { signal, timeoutMs: 60_000 });
  } catch (error) {
    if (signal.aborted) throw error;
    throw fromAriError(services, error, `recording ${name}`, from.name);
  }
}

/**
 * The recordings a call made (named by its record steps' variables), each with whether the Asterisk
 * server that handled the call has it. Without any ARI the steps are still worth showing; with ARI,
 * only the call's own server will do (503 when the API is not configured with it).
 */
export async function callRecordings(
  services: ApiServices,
  callId: string,
): Promise<CallRecordingListResponse> {
  const call = await services.db.prisma.call.findUnique({
    where: { id: callId },
    select: {
      id: true,
      asteriskServer: true,
      steps: { where: { kind: 'record' }, orderBy: { seq: 'asc' } },
    },
  });
  if (call === null) throw ApiError.notFound(`call ${callId}`);
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
  return { items, ari: ariState };
}
