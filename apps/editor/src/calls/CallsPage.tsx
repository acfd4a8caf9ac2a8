import type { CallItem } from '@callflow/contract';
import { useCallback } from 'react';
import { Link, type RouteComponentProps, useLocation, useSearch } from 'wouter';
import { PagedListView } from '../logs/PagedListView.tsx';
import { EmptyState } from '../shell/EmptyState.tsx';
import { PanelErrorBoundary } from '../shell/PanelErrorBoundary.tsx';
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
  const callTable = (calls: readonly CallItem[], placeholderRows: number) => (
    <CallTable
      calls={calls}
      selectedId={callId}
      hrefOf={hrefOf}
      onOpen={(call) => navigate(hrefOf(call))}
      placeholderRows={placeholderRows}
      busy={list.loading}
    />
  );

  return (
    <div className="page calls-page">
      <header className="page__header">
        <h1>Calls</h1>
        <StreamIndicator state={list.stream} />
      </header>
      <CallFilterBar controls={controls} />
      <div className={`calls-page__body ${callId === undefined ? '' : 'calls-page__body--split'}`.trim()}>
        <section className="card calls-page__list" aria-label="Call log">
          <PagedListView
            list={list}
            filters={controls}
            errorTitle="Cannot load the calls"
            noMatch={{
              title: 'No calls match these filters',
              text: 'Widen the date range or clear the filters to see every call.',
            }}
            empty={
              <EmptyState
                title="No calls yet"
                action={
                  <Link href="/flows" className="button button--primary">
                    Go to the flows
                  </Link>
                }
              >
                Publish a flow to an extension and call it from a phone: each call shows up here as it
                happens, with every step it takes.
              </EmptyState>
            }
            placeholder={callTable([], PLACEHOLDER_ROWS)}
          >
            {callTable(list.items, 0)}
          </PagedListView>
        </section>
        {callId !== undefined && (
          <section className="card calls-page__detail" aria-label="Call detail">
            <PanelErrorBoundary what="this call" resetKeys={[callId]}>
              <CallDetailPanel key={callId} callId={callId} closeHref={`/calls${suffix}`} />
            </PanelErrorBoundary>
          </section>
        )}
      </div>
    </div>
  );
}

export default CallsPage;
