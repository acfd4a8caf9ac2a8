import type { CallItem } from '@callflow/api/contract';
import { useCallback, useEffect, useRef, useState } from 'react';
import { type CallFilters, callsApi } from '../api/callsApi.ts';
import { CallListState } from './CallListState.ts';
import { type CallStreamState, openCallStream } from './openCallStream.ts';

export interface CallList {
  readonly items: readonly CallItem[];
  /** More (older) calls can be loaded. */
  readonly hasMore: boolean;
  /** The first page for the current filters has not arrived yet (the previous list stays on screen). */
  readonly loading: boolean;
  readonly loadingMore: boolean;
  readonly error: Error | null;
  readonly stream: CallStreamState;
  readonly loadMore: () => void;
  readonly reload: () => void;
}

interface Loaded extends CallListState {
  /** The filters (and reload) the list was loaded for. */
  readonly key: string;
}

const asError = (caught: unknown): Error => (caught instanceof Error ? caught : new Error(String(caught)));
const isAbort = (caught: unknown): boolean => caught instanceof DOMException && caught.name === 'AbortError';

/**
 * The call log for a set of filters, newest first, kept current by the live stream: new calls are
 * inserted, live ones updated as they end. Older pages load on demand.
 */
export function useCallList(filters: CallFilters): CallList {
  const key = JSON.stringify(filters);
  const [generation, setGeneration] = useState(0);
  const loadKey = `${generation}:${key}`;
  const [loaded, setLoaded] = useState<Loaded>({ key: '', items: [], nextCursor: null });
  const [error, setError] = useState<Error | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [stream, setStream] = useState<CallStreamState>('connecting');
  const filtersRef = useRef(filters);
  filtersRef.current = filters;
  const loadedRef = useRef(loaded);
  loadedRef.current = loaded;

  useEffect(() => {
    const current = filtersRef.current;
    const controller = new AbortController();
    let isLoaded = false;
    // Stream messages that arrive before the first page are applied on top of it.
    let early: CallItem[] = [];
    setError(null);

    const loadFirstPage = async () => {
      try {
        const page = await callsApi.list(current, null, controller.signal);
        if (controller.signal.aborted) return;
        const pending = early;
        early = [];
        setLoaded((previous) => {
          let next: CallListState =
            previous.key === loadKey ? CallListState.refreshFirstPage(previous, page) : page;
          for (const call of pending) next = CallListState.applyCall(next, call, current);
          return { key: loadKey, ...next };
        });
        isLoaded = true;
        setError(null);
      } catch (caught) {
        if (controller.signal.aborted || isAbort(caught)) return;
        // A failed refresh leaves the list as it is; only a list that never loaded shows the error.
        if (!isLoaded) setError(asError(caught));
      }
    };

    void loadFirstPage();
    const close = openCallStream(
      { extension: current.extension, flowId: current.flowId },
      {
        onState: setStream,
        onOpen: () => void loadFirstPage(),
        onCall: (call) => {
          if (!isLoaded) {
            early.push(call);
            return;
          }
          setLoaded((previous) =>
            previous.key === loadKey
              ? { key: loadKey, ...CallListState.applyCall(previous, call, current) }
              : previous,
          );
        },
      },
    );
    return () => {
      controller.abort();
      close();
    };
  }, [loadKey]);

  const loadMore = useCallback(() => {
    const state = loadedRef.current;
    if (state.nextCursor === null || state.key !== loadKey) return;
    setLoadingMore(true);
    callsApi
      .list(filtersRef.current, state.nextCursor)
      .then((page) => {
        setLoaded((previous) =>
          previous.key === loadKey ? { key: loadKey, ...CallListState.appendPage(previous, page) } : previous,
        );
        setError(null);
      })
      .catch((caught: unknown) => setError(asError(caught)))
      .finally(() => setLoadingMore(false));
  }, [loadKey]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);

  return {
    items: loaded.items,
    hasMore: loaded.nextCursor !== null,
    loading: loaded.key !== loadKey,
    loadingMore,
    error,
    stream,
    loadMore,
    reload,
  };
}
