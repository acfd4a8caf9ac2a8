import type { RuntimeEvent } from '@callflow/api/contract';
import { useCallback, useEffect, useRef, useState } from 'react';
import { type RuntimeEventFilters, runtimeApi } from '../api/runtimeApi.ts';
import { RuntimeEventListState } from './RuntimeEventListState.ts';

/** The API has no live stream of runtime events: the first page is asked for again this often. */
export const RUNTIME_EVENTS_POLL_MS = 2000;

export interface RuntimeEventList {
  readonly items: readonly RuntimeEvent[];
  readonly hasMore: boolean;
  /** The first page for the current filters has not arrived yet (the previous list stays on screen). */
  readonly loading: boolean;
  readonly loadingMore: boolean;
  readonly error: Error | null;
  readonly loadMore: () => void;
}

interface Loaded extends RuntimeEventListState {
  readonly key: string;
}

const asError = (caught: unknown): Error => (caught instanceof Error ? caught : new Error(String(caught)));

/** The runtime's event log for some filters, newest first, with new events polled in. */
export function useRuntimeEvents(filters: RuntimeEventFilters): RuntimeEventList {
  const key = JSON.stringify(filters);
  const [loaded, setLoaded] = useState<Loaded>({ key: '', items: [], nextCursor: null });
  const [error, setError] = useState<Error | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const filtersRef = useRef(filters);
  filtersRef.current = filters;
  const loadedRef = useRef(loaded);
  loadedRef.current = loaded;

  useEffect(() => {
    const current = filtersRef.current;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    setError(null);
    const poll = async () => {
      try {
        const page = await runtimeApi.events(current, null, controller.signal);
        if (controller.signal.aborted) return;
        setLoaded((previous) => ({
          key,
          ...(previous.key === key ? RuntimeEventListState.addNewest(previous, page) : page),
        }));
        setError(null);
      } catch (caught) {
        if (controller.signal.aborted) return;
        setError(asError(caught));
      }
      if (!controller.signal.aborted) timer = setTimeout(poll, RUNTIME_EVENTS_POLL_MS);
    };
    void poll();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [key]);

  const loadMore = useCallback(() => {
    const state = loadedRef.current;
    if (state.nextCursor === null || state.key !== key) return;
    setLoadingMore(true);
    runtimeApi
      .events(filtersRef.current, state.nextCursor)
      .then((page) =>
        setLoaded((previous) =>
          previous.key === key ? { key, ...RuntimeEventListState.appendPage(previous, page) } : previous,
        ),
      )
      .catch((caught: unknown) => setError(asError(caught)))
      .finally(() => setLoadingMore(false));
  }, [key]);

  return {
    items: loaded.items,
    hasMore: loaded.nextCursor !== null,
    loading: loaded.key !== key,
    loadingMore,
    error,
    loadMore,
  };
}
