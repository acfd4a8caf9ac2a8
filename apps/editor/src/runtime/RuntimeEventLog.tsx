import type { RuntimeStatusResponse } from '@callflow/contract';
import { PagedListView } from '../logs/PagedListView.tsx';
import { EmptyState } from '../shell/EmptyState.tsx';
import { RuntimeEventFilterBar } from './RuntimeEventFilterBar.tsx';
import { RuntimeEventTable } from './RuntimeEventTable.tsx';
import { RuntimeServers } from './RuntimeServers.tsx';
import { useRuntimeEventFilters } from './useRuntimeEventFilters.ts';
import { useRuntimeEvents } from './useRuntimeEvents.ts';

export interface RuntimeEventLogProps {
  readonly status: RuntimeStatusResponse | undefined;
  readonly statusError: Error | null;
}

/**
 * For whoever debugs the runtime: what each runtime reports (Asterisk version, Stasis apps) and its
 * event log (connections, apps registered, publishes picked up, errors not tied to a call), filtered.
 */
export function RuntimeEventLog({ status, statusError }: RuntimeEventLogProps) {
  const controls = useRuntimeEventFilters();
  const events = useRuntimeEvents(controls.filters);
  const servers = (status?.servers ?? []).map((server) => server.asteriskServer);
  return (
    <>
      <RuntimeServers status={status} error={statusError} />

      <h2 className="runtime-page__title">Events</h2>
      <RuntimeEventFilterBar controls={controls} events={events.items} servers={servers} />

      <section className="card runtime-page__events" aria-label="Runtime events">
        <PagedListView
          list={events}
          filters={controls}
          errorTitle="Cannot load the runtime events"
          noMatch={{
            title: 'No events match these filters',
            text: 'Clear the filters to see everything the runtime reported.',
          }}
          empty={
            <EmptyState title="No runtime events yet">
              The runtime writes here when it starts, connects to Asterisk, registers the app of a published
              extension or picks up a publish. Start it with <code>npm start</code> and publish a flow to an
              extension.
            </EmptyState>
          }
          placeholder={
            <div className="paged-list__loading" aria-busy="true">
              <span className="skeleton" />
            </div>
          }
        >
          <RuntimeEventTable events={events.items} busy={events.loading} />
        </PagedListView>
      </section>
    </>
  );
}
