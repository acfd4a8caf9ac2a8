import type { CallItem } from '@callflow/api/contract';
import { useCallback } from 'react';
import { Link, type RouteComponentProps, useLocation, useSearch } from 'wouter';
import { CallDetailPanel } from './CallDetailPanel.tsx';
import { CallFilterBar } from './CallFilterBar.tsx';
import { CallTable } from './CallTable.tsx';
import { StreamIndicator } from './StreamIndicator.tsx';
import { useCallFilters } from './useCallFilters.ts';
import { useCallList } from './useCallList.ts';
import './calls.css';

/** `params` is what the router hands a route's component (`/calls`); the page does not need it. */
export interface CallsPageProps extends Partial<RouteComponentProps> {
  /** The call open beside the list (`/calls/:callId`). */
  readonly callId?: string | undefined;
}

const PLACEHOLDER_ROWS = 8;

/** The call log (filters, live updates, paging) with the selected call's detail beside it. */
export function CallsPage({ callId }: CallsPageProps) {
  const controls = useCallFilters();
  const list = useCallList(controls.filters);
  const search = useSearch();
  const [, navigate] = useLocation();
  const suffix = search === '' ? '' : `?${search}`;
  const hrefOf = useCallback((call: CallItem) => `/calls/${encodeURIComponent(call.id)}${suffix}`, [suffix]);
  const firstLoad = list.loading && list.items.length === 0;

  return (
    <div className="page calls-page">
      <header className="page__header">
        <h1>Calls</h1>
        <StreamIndicator state={list.stream} />
      </header>
      <CallFilterBar controls={controls} />
      <div className={`calls-page__body ${callId === undefined ? '' : 'calls-page__body--split'}`.trim()}>
        <section className="card calls-page__list" aria-label="Call log">
          {list.error !== null && list.items.length === 0 ? (
            <div className="empty-state">
              <h2>Cannot load the calls</h2>
              <p>{list.error.message}</p>
              <button type="button" className="button" onClick={list.reload}>
                Try again
              </button>
            </div>
          ) : !list.loading && list.items.length === 0 ? (
            controls.active ? (
              <div className="empty-state">
                <h2>No calls match these filters</h2>
                <p>Widen the date range or clear the filters to see every call.</p>
                <button type="button" className="button" onClick={controls.clear}>
                  Clear filters
                </button>
              </div>
            ) : (
              <div className="empty-state">
                <h2>No calls yet</h2>
                <p>
                  Publish a flow to an extension and call it from a phone: each call shows up here as it
                  happens, with every step it takes.
                </p>
                <Link href="/flows" className="button button--primary">
                  Go to the flows
                </Link>
              </div>
            )
          ) : (
            <>
              <CallTable
                calls={list.items}
                selectedId={callId}
                hrefOf={hrefOf}
                onOpen={(call) => navigate(hrefOf(call))}
                placeholderRows={firstLoad ? PLACEHOLDER_ROWS : 0}
                busy={list.loading}
              />
              {list.error !== null && (
                <p className="notice notice--error calls-page__error">{list.error.message}</p>
              )}
              {list.hasMore && !list.loading && (
                <div className="calls-page__more">
                  <button
                    type="button"
                    className="button"
                    onClick={list.loadMore}
                    disabled={list.loadingMore}
                  >
                    {list.loadingMore ? 'Loading…' : 'Load more'}
                  </button>
                </div>
              )}
            </>
          )}
        </section>
        {callId !== undefined && (
          <section className="card calls-page__detail" aria-label="Call detail">
            <CallDetailPanel key={callId} callId={callId} closeHref={`/calls${suffix}`} />
          </section>
        )}
      </div>
    </div>
  );
}

export default CallsPage;
