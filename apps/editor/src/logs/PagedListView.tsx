import type { ReactNode } from 'react';
import type { PagedList } from '../api/usePagedList.ts';
import { EmptyState } from '../shell/EmptyState.tsx';
import './logs.css';

export interface PagedListViewProps {
  readonly list: PagedList<unknown>;
  readonly filters: { readonly active: boolean; readonly clear: () => void };
  /** The title when the list cannot be loaded at all, e.g. "Cannot load the calls". */
  readonly errorTitle: string;
  /** When nothing matches the filters: a title and what to try. */
  readonly noMatch: { readonly title: string; readonly text: string };
  /** When there is nothing at all, filters or not. */
  readonly empty: ReactNode;
  /** Shown while the first page loads with nothing on screen, the size of what it stands for. */
  readonly placeholder: ReactNode;
  /** The items (a table); shown, dimmed by the caller, while the list for new filters loads. */
  readonly children: ReactNode;
}

/**
 * A log's list in its states: cannot load, first load, nothing matches, nothing at all, or the
 * items with the error of a failed refresh under them and a button for older items.
 */
export function PagedListView({
  list,
  filters,
  errorTitle,
  noMatch,
  empty,
  placeholder,
  children,
}: PagedListViewProps) {
  if (list.items.length === 0) {
    if (list.error !== null)
      return (
        <EmptyState
          title={errorTitle}
          action={
            <button type="button" className="button" onClick={list.reload}>
              Try again
            </button>
          }
        >
          {list.error.message}
        </EmptyState>
      );
    if (list.loading) return placeholder;
    if (!filters.active) return empty;
    return (
      <EmptyState
        title={noMatch.title}
        action={
          <button type="button" className="button" onClick={filters.clear}>
            Clear filters
          </button>
        }
      >
        {noMatch.text}
      </EmptyState>
    );
  }
  return (
    <>
      {children}
      {list.error !== null && <p className="notice notice--error paged-list__error">{list.error.message}</p>}
      {list.hasMore && !list.loading && (
        <div className="paged-list__more">
          <button type="button" className="button" onClick={list.loadMore} disabled={list.loadingMore}>
            {list.loadingMore ? 'Loading…' : 'Load more'}
          </button>
        </div>
      )}
    </>
  );
}
