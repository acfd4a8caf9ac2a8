import { type RuntimeEventLevel, runtimeEndpoints } from '@callflow/contract';
import { callEndpoint } from './callEndpoint.ts';

/** GET /runtime/events filters; empty values are left out. */
export interface RuntimeEventFilters {
  readonly level?: RuntimeEventLevel | undefined;
  readonly type?: string | undefined;
  readonly extension?: string | undefined;
  readonly asteriskServer?: string | undefined;
  /** Only events at or after this ISO instant. */
  readonly from?: string | undefined;
}

/** The runtime's own state as it reports it through the database: per-server status and its event log. */
export const runtimeApi = {
  status: (signal?: AbortSignal) => callEndpoint(runtimeEndpoints.runtimeStatus, {}, { signal }),

  events: (filters: RuntimeEventFilters, cursor: string | null, signal?: AbortSignal, limit = 50) =>
    callEndpoint(
      runtimeEndpoints.runtimeEvents,
      { query: { ...filters, cursor: cursor ?? undefined, limit } },
      { signal },
    ),
};
