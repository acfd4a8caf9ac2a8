import {
  type CallOutcome,
  callEndpoints,
  endpointUrl,
  flowEndpoints,
  recordingEndpoints,
} from '@callflow/contract';
import { callEndpoint } from './callEndpoint.ts';

/** The call log's filters, as GET /calls takes them; `from`/`to` are ISO instants (`to` exclusive). */
export interface CallFilters {
  readonly extension?: string | undefined;
  readonly flowId?: string | undefined;
  readonly outcome?: CallOutcome | undefined;
  readonly callerNumber?: string | undefined;
  readonly hangupCause?: string | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  /** true: only calls still going on; false: only ended calls. */
  readonly live?: boolean | undefined;
}

/** The only filters GET /calls/stream applies itself; the others are applied by the client. */
export interface CallStreamFilter {
  readonly extension?: string | undefined;
  readonly flowId?: string | undefined;
}

/** The call log, one call with its timeline, its recordings, and the live stream's address. */
export const callsApi = {
  list: (filters: CallFilters, cursor: string | null, signal?: AbortSignal, limit = 50) =>
    callEndpoint(
      callEndpoints.listCalls,
      {
        query: {
          ...filters,
          live: filters.live === undefined ? undefined : filters.live ? 'true' : 'false',
          cursor: cursor ?? undefined,
          limit,
        },
      },
      { signal },
    ),

  get: (callId: string, signal?: AbortSignal) =>
    callEndpoint(callEndpoints.getCall, { params: { callId } }, { signal }),

  recordings: (callId: string, signal?: AbortSignal) =>
    callEndpoint(recordingEndpoints.callRecordings, { params: { callId } }, { signal }),

  /** The flows a call can be filtered by (the first 200 by name: a filter list, not a catalogue). */
  flowChoices: async (signal?: AbortSignal) =>
    (await callEndpoint(flowEndpoints.listFlows, { query: { limit: 200 } }, { signal })).flows.map(
      (flow) => ({
        id: flow.id,
        name: flow.name,
      }),
    ),

  /** The version a call ran, for its node labels. */
  flowVersion: (flowId: string, versionNumber: number, signal?: AbortSignal) =>
    callEndpoint(flowEndpoints.getVersion, { params: { flowId, number: versionNumber } }, { signal }),

  /** Address for EventSource: `call` and `step` events (same origin, so the session cookie goes along). */
  streamUrl: (filter: CallStreamFilter = {}) =>
    endpointUrl(callEndpoints.callStream, { query: { extension: filter.extension, flowId: filter.flowId } }),
};
