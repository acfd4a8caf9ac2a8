import { runtimeApi } from '../api/runtimeApi.ts';
import { useApiData } from '../api/useApiData.ts';
import { PagedListView } from '../logs/PagedListView.tsx';
import { EmptyState } from '../shell/EmptyState.tsx';
import { RuntimeEventFilterBar } from './RuntimeEventFilterBar.tsx';
import { RuntimeEventTable } from './RuntimeEventTable.tsx';
import { RuntimeServers } from './RuntimeServers.tsx';
import { useRuntimeEventFilters } from './useRuntimeEventFilters.ts';
import { RUNTIME_EVENTS_POLL_MS, useRuntimeEvents } from './useRuntimeEvents.ts';
import './runtime.css';

/**
 * The runtime tab: what each runtime reports about its Asterisk server, and the runtime's own event
 * log (connections, apps registered, publishes picked up, errors not tied to a call), kept current.
 */
export function RuntimeEventsPage() {
  const controls = useRuntimeEventFilters();
  const status = useApiData((signal) => runtimeApi.status(signal), [], { refreshMs: RUNTIME_EVENTS_POLL_MS });
  const events = useRuntimeEvents(controls.filters);
  const servers = (status.data?.servers ?? []).map((server) => server.asteriskServer);

  return (
    <div className="page runtime-page">
      <header className="page__header">
        <h1>Runtime</h1>
        <span className="muted small" title={`Asked again every ${RUNTIME_EVENTS_POLL_MS / 1000} s`}>
          Updates every {RUNTIME_EVENTS_POLL_MS / 1000} s
        </span>
      </header>

      <RuntimeServers status={status.data} error={status.error} />

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
    </div>
  );
}

export default RuntimeEventsPage;
