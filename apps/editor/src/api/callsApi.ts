import {
  type CallOutcome,
  callDetailSchema,
  callListResponseSchema,
  callRecordingListResponseSchema,
  flowListResponse,
  versionDetail,
} from '@callflow/contract';
import { apiRequest } from './apiRequest.ts';
import { queryString } from './queryString.ts';

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
    apiRequest(`/calls${queryString({ ...filters, cursor, limit })}`, callListResponseSchema, { signal }),

  get: (callId: string, signal?: AbortSignal) =>
    apiRequest(`/calls/${encodeURIComponent(callId)}`, callDetailSchema, { signal }),

  recordings: (callId: string, signal?: AbortSignal) =>
    apiRequest(`/calls/${encodeURIComponent(callId)}/recordings`, callRecordingListResponseSchema, {
      signal,
    }),

  /** The flows a call can be filtered by (the first 200 by name: a filter list, not a catalogue). */
  flowChoices: async (signal?: AbortSignal) =>
    (await apiRequest('/flows?limit=200', flowListResponse, { signal })).flows.map((flow) => ({
      id: flow.id,
      name: flow.name,
    })),

  /** The version a call ran, for its node labels. */
  flowVersion: (flowId: string, versionNumber: number, signal?: AbortSignal) =>
    apiRequest(`/flows/${encodeURIComponent(flowId)}/versions/${versionNumber}`, versionDetail, { signal }),

  /** Address for EventSource: `call` and `step` events (same origin, so the session cookie goes along). */
  streamUrl: (filter: CallStreamFilter = {}) =>
    `/api/calls/stream${queryString({ extension: filter.extension, flowId: filter.flowId })}`,
};
