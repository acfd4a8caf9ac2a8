import type { RuntimeEvent } from '@callflow/contract';
import { type RuntimeEventFilters, runtimeApi } from '../api/runtimeApi.ts';
import { type PagedList, usePagedList } from '../api/usePagedList.ts';
import { RuntimeEventListState } from './RuntimeEventListState.ts';

/** The API has no live stream of runtime events: the first page is asked for again this often. */
export const RUNTIME_EVENTS_POLL_MS = 2000;

/** The runtime's event log for some filters, newest first, with new events polled in. */
export function useRuntimeEvents(filters: RuntimeEventFilters): PagedList<RuntimeEvent> {
  return usePagedList(filters, {
    fetchPage: runtimeApi.events,
    mergeFirstPage: RuntimeEventListState.addNewest,
    refreshMs: RUNTIME_EVENTS_POLL_MS,
  });
}
