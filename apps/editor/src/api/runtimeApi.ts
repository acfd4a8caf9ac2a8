import {
  type RuntimeEventLevel,
  runtimeEventListResponseSchema,
  runtimeStatusResponseSchema,
} from '@callflow/contract';
import { apiRequest } from './apiRequest.ts';
import { queryString } from './queryString.ts';

/** GET /runtime/events filters; empty values are left out. */
export interface RuntimeEventFilters {
  readonly level?: RuntimeEventLevel | undefined;
  readonly type?: string | undefined;
  readonly extension?: string | undefined;
  readonly asteriskServer?: string | undefined;
}

/** The runtime's own state as it reports it through the database: per-server status and its event log. */
export const runtimeApi = {
  status: (signal?: AbortSignal) => apiRequest('/runtime/status', runtimeStatusResponseSchema, { signal }),

  events: (filters: RuntimeEventFilters, cursor: string | null, signal?: AbortSignal, limit = 50) =>
    apiRequest(
      `/runtime/events${queryString({ ...filters, cursor, limit })}`,
      runtimeEventListResponseSchema,
      {
        signal,
      },
    ),
};
