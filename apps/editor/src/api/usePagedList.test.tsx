import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { type Page, type PagedListOptions, usePagedList } from './usePagedList.ts';

interface Item {
  readonly id: string;
}

interface Request {
  readonly query: string;
  readonly cursor: string | null;
  readonly signal: AbortSignal;
  readonly answer: (page: Page<Item>) => void;
}

/** A fetchPage whose answers the test gives, one request at a time. */
function controlledFetch() {
  const requests: Request[] = [];
  const fetchPage: PagedListOptions<string, Item>['fetchPage'] = (query, cursor, signal) =>
    new Promise((resolve) => requests.push({ query, cursor, signal, answer: resolve }));
  const last = () => {
    const request = requests.at(-1);
    if (request === undefined) throw new Error('nothing was requested');
    return request;
  };
  return { requests, fetchPage, last };
}

const page = (ids: string[], nextCursor: string | null = null): Page<Item> => ({
  items: ids.map((id) => ({ id })),
  nextCursor,
});
const ids = (items: readonly Item[]) => items.map((item) => item.id);

describe('usePagedList', () => {
  it('appends older pages without repeating items the list already has', async () => {
    const api = controlledFetch();
    const { result } = renderHook(() => usePagedList('all', { fetchPage: api.fetchPage }));
    act(() => api.last().answer(page(['c', 'b'], 'after-b')));
    await waitFor(() => expect(ids(result.current.items)).toEqual(['c', 'b']));

    act(() => result.current.loadMore());
    expect(api.last().cursor).toBe('after-b');
    act(() => api.last().answer(page(['b', 'a'])));

    await waitFor(() => expect(ids(result.current.items)).toEqual(['c', 'b', 'a']));
    expect(result.current.hasMore).toBe(false);
    expect(result.current.loadingMore).toBe(false);
  });

  it('drops an older page that arrives after the filters changed', async () => {
    const api = controlledFetch();
    const { result, rerender } = renderHook(
      ({ query }) => usePagedList(query, { fetchPage: api.fetchPage }),
      {
        initialProps: { query: 'extension 6001' },
      },
    );
    act(() => api.last().answer(page(['x2', 'x1'], 'after-x1')));
    await waitFor(() => expect(ids(result.current.items)).toEqual(['x2', 'x1']));
    act(() => result.current.loadMore());
    const olderPage = api.last();

    rerender({ query: 'extension 7000' });
    expect(olderPage.signal.aborted).toBe(true);
    act(() => api.last().answer(page(['y1'])));
    act(() => olderPage.answer(page(['x0'])));

    await waitFor(() => expect(ids(result.current.items)).toEqual(['y1']));
    expect(result.current.loadingMore).toBe(false);
  });

  it('applies what `follow` reports before the first page on top of that page', async () => {
    const api = controlledFetch();
    const { result } = renderHook(() =>
      usePagedList('all', {
        fetchPage: api.fetchPage,
        follow: (_query, { update }) => {
          update((loaded) => ({ ...loaded, items: [{ id: 'streamed' }, ...loaded.items] }));
          return () => {};
        },
      }),
    );
    act(() => api.last().answer(page(['b', 'a'])));
    await waitFor(() => expect(ids(result.current.items)).toEqual(['streamed', 'b', 'a']));
  });

  it('asks for nothing more once the list is no longer shown', async () => {
    const api = controlledFetch();
    let stopped = false;
    const { unmount } = renderHook(() =>
      usePagedList('all', {
        fetchPage: api.fetchPage,
        follow: () => () => {
          stopped = true;
        },
      }),
    );
    const first = api.last();
    unmount();
    expect(first.signal.aborted).toBe(true);
    expect(stopped).toBe(true);
  });
});
