import { useCallback, useEffect, useRef, useState } from 'react';
import { asError } from './asError.ts';

/** Items loaded so far, in the API's order, and the cursor of the page after them. */
export interface Page<Item> {
  readonly items: readonly Item[];
  readonly nextCursor: string | null;
}

export interface PagedList<Item> {
  readonly items: readonly Item[];
  /** More (older) items can be loaded. */
  readonly hasMore: boolean;
  /** The first page for the current query has not arrived yet (the previous list stays on screen). */
  readonly loading: boolean;
  readonly loadingMore: boolean;
  /** The last request failed; the list keeps what it had. */
  readonly error: Error | null;
  readonly loadMore: () => void;
  /** Asks for the first page again, as if the query had changed. */
  readonly reload: () => void;
}

/** What `follow` is given to keep a shown list current. */
export interface PagedListUpdates<Item> {
  /** Asks for the first page again and merges it in; settles once that is done, failed or not. */
  readonly refresh: () => Promise<void>;
  /** Changes the list; a change made before the first page has arrived is applied on top of it. */
  readonly update: (change: (page: Page<Item>) => Page<Item>) => void;
}

export interface PagedListOptions<Query, Item> {
  readonly fetchPage: (query: Query, cursor: string | null, signal: AbortSignal) => Promise<Page<Item>>;
  /** A fresh first page over the list already loaded for the same query; by default it replaces it. */
  readonly mergeFirstPage?: (loaded: Page<Item>, page: Page<Item>) => Page<Item>;
  /** Asks for the first page again this long after the last answer (for lists without a stream). */
  readonly refreshMs?: number;
  /** Starts keeping the list current, e.g. from a stream; returns how to stop. */
  readonly follow?: (query: Query, updates: PagedListUpdates<Item>) => () => void;
}

interface Loaded<Item> extends Page<Item> {
  /** The query (and reload) the items were loaded for. */
  readonly key: string;
}

const replaceWithPage = <Item>(_loaded: Page<Item>, page: Page<Item>): Page<Item> => page;

/** The next page after the loaded ones; items already there (moved by new arrivals) are not repeated. */
function appendPage<Item extends { readonly id: string | number }>(
  loaded: Page<Item>,
  page: Page<Item>,
): Page<Item> {
  const known = new Set(loaded.items.map((item) => item.id));
  return {
    items: [...loaded.items, ...page.items.filter((item) => !known.has(item.id))],
    nextCursor: page.nextCursor,
  };
}

/**
 * A list the API pages with a cursor, for a query (filters): the first page when the query changes,
 * older pages on demand, kept current by polling or by `follow`. Answers for an earlier query are
 * dropped, and nothing is requested or updated once the page using the list is gone.
 */
export function usePagedList<Query, Item extends { readonly id: string | number }>(
  query: Query,
  options: PagedListOptions<Query, Item>,
): PagedList<Item> {
  const [generation, setGeneration] = useState(0);
  const key = `${generation}:${JSON.stringify(query)}`;
  const [loaded, setLoaded] = useState<Loaded<Item>>({ key: '', items: [], nextCursor: null });
  const [error, setError] = useState<Error | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const latest = useRef({ query, options, loaded, loadingMore });
  latest.current = { query, options, loaded, loadingMore };
  // Aborted when the query changes or the list goes away: "load more" answers for it are dropped too.
  const currentSignal = useRef<AbortSignal | null>(null);

  useEffect(() => {
    const { query: current, options: settings } = latest.current;
    const { fetchPage, mergeFirstPage = replaceWithPage, refreshMs, follow } = settings;
    const controller = new AbortController();
    const { signal } = controller;
    currentSignal.current = signal;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // Changes that arrive before the first page; null once it is in.
    let early: ((page: Page<Item>) => Page<Item>)[] | null = [];
    setError(null);
    setLoadingMore(false);

    const toLoaded = (page: Page<Item>): Loaded<Item> => ({
      key,
      items: page.items,
      nextCursor: page.nextCursor,
    });

    const refresh = async (): Promise<void> => {
      try {
        const page = await fetchPage(current, null, signal);
        if (signal.aborted) return;
        const changes = early ?? [];
        early = null;
        setLoaded((previous) => {
          let next = previous.key === key ? mergeFirstPage(previous, page) : page;
          for (const change of changes) next = change(next);
          return toLoaded(next);
        });
        setError(null);
      } catch (caught) {
        if (!signal.aborted) setError(asError(caught));
      }
    };

    const update = (change: (page: Page<Item>) => Page<Item>) => {
      if (early !== null) {
        early.push(change);
        return;
      }
      setLoaded((previous) => {
        if (previous.key !== key) return previous;
        const next = change(previous);
        return next === previous ? previous : toLoaded(next);
      });
    };

    const poll = async () => {
      await refresh();
      if (refreshMs !== undefined && !signal.aborted) timer = setTimeout(poll, refreshMs);
    };

    void poll();
    const stopFollowing = follow?.(current, { refresh, update });
    return () => {
      controller.abort();
      clearTimeout(timer);
      stopFollowing?.();
    };
  }, [key]);

  const loadMore = useCallback(() => {
    const { query: current, options: settings, loaded: state, loadingMore: busy } = latest.current;
    const signal = currentSignal.current;
    if (busy || state.nextCursor === null || state.key !== key || signal === null || signal.aborted) return;
    setLoadingMore(true);
    settings
      .fetchPage(current, state.nextCursor, signal)
      .then((page) => {
        if (signal.aborted) return;
        setLoaded((previous) => (previous.key === key ? { key, ...appendPage(previous, page) } : previous));
        setError(null);
      })
      .catch((caught: unknown) => {
        if (!signal.aborted) setError(asError(caught));
      })
      .finally(() => {
        if (!signal.aborted) setLoadingMore(false);
      });
  }, [key]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);

  return {
    items: loaded.items,
    hasMore: loaded.nextCursor !== null,
    loading: loaded.key !== key,
    loadingMore,
    error,
    loadMore,
    reload,
  };
}
