import { runtimeEventLevels } from '@callflow/api/contract';
import { useId, useRef } from 'react';
import { runtimeApi } from '../api/runtimeApi.ts';
import { useApiData } from '../api/useApiData.ts';
import { FilterTextField } from '../calls/FilterTextField.tsx';
import { RuntimeEventTable } from './RuntimeEventTable.tsx';
import { RuntimeServers } from './RuntimeServers.tsx';
import { useRuntimeEventFilters } from './useRuntimeEventFilters.ts';
import { RUNTIME_EVENTS_POLL_MS, useRuntimeEvents } from './useRuntimeEvents.ts';
import '../calls/calls.css';
import './runtime.css';

/**
 * The runtime tab: what each runtime reports about its Asterisk server, and the runtime's own event
 * log (connections, apps registered, publishes picked up, errors not tied to a call), kept current.
 */
export function RuntimeEventsPage() {
  const controls = useRuntimeEventFilters();
  const { values, setValue } = controls;
  const status = useApiData((signal) => runtimeApi.status(signal), [], { refreshMs: RUNTIME_EVENTS_POLL_MS });
  const events = useRuntimeEvents(controls.filters);
  const typesId = useId();

  // Types seen so far, as suggestions: the API has no list of them.
  const seenTypes = useRef(new Set<string>());
  for (const event of events.items) seenTypes.current.add(event.type);
  const servers = new Set((status.data?.servers ?? []).map((server) => server.asteriskServer));
  if (values.asteriskServer !== '') servers.add(values.asteriskServer);

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
      <search className="filter-bar" aria-label="Filter runtime events">
        <label className="filter-bar__field">
          <span className="filter-bar__label">Level</span>
          <select
            className="select"
            value={values.level}
            onChange={(event) => setValue('level', event.target.value)}
          >
            <option value="">All levels</option>
            {runtimeEventLevels.map((level) => (
              <option key={level} value={level}>
                {level}
              </option>
            ))}
          </select>
        </label>
        <FilterTextField
          label="Type"
          wide
          value={values.type}
          onCommit={(value) => setValue('type', value)}
          list={typesId}
          placeholder="e.g. app_registered"
        />
        <datalist id={typesId}>
          {[...seenTypes.current].sort().map((type) => (
            <option key={type} value={type} />
          ))}
        </datalist>
        <FilterTextField
          label="Extension"
          value={values.extension}
          onCommit={(value) => setValue('extension', value)}
          placeholder="6001"
          inputMode="numeric"
        />
        <label className="filter-bar__field filter-bar__field--wide">
          <span className="filter-bar__label">Asterisk server</span>
          <select
            className="select"
            value={values.asteriskServer}
            onChange={(event) => setValue('asteriskServer', event.target.value)}
          >
            <option value="">All servers</option>
            {[...servers].sort().map((server) => (
              <option key={server} value={server}>
                {server}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="button button--ghost button--small filter-bar__clear"
          onClick={controls.clear}
          disabled={!controls.active}
        >
          Clear filters
        </button>
      </search>

      <section className="card runtime-page__events" aria-label="Runtime events">
        {events.error !== null && events.items.length === 0 ? (
          <div className="empty-state">
            <h2>Cannot load the runtime events</h2>
            <p>{events.error.message}</p>
          </div>
        ) : events.loading && events.items.length === 0 ? (
          <div className="runtime-page__loading" aria-busy="true">
            <span className="skeleton" />
          </div>
        ) : events.items.length === 0 ? (
          controls.active ? (
            <div className="empty-state">
              <h2>No events match these filters</h2>
              <p>Clear the filters to see everything the runtime reported.</p>
              <button type="button" className="button" onClick={controls.clear}>
                Clear filters
              </button>
            </div>
          ) : (
            <div className="empty-state">
              <h2>No runtime events yet</h2>
              <p>
                The runtime writes here when it starts, connects to Asterisk, registers the app of a published
                extension or picks up a publish. Start it with <code>npm start</code> and publish a flow to an
                extension.
              </p>
            </div>
          )
        ) : (
          <>
            <RuntimeEventTable events={events.items} busy={events.loading} />
            {events.error !== null && (
              <p className="notice notice--error runtime-page__error">{events.error.message}</p>
            )}
            {events.hasMore && !events.loading && (
              <div className="calls-page__more">
                <button
                  type="button"
                  className="button"
                  onClick={events.loadMore}
                  disabled={events.loadingMore}
                >
                  {events.loadingMore ? 'Loading…' : 'Load more'}
                </button>
              </div>
            )}
          </>
        )}
      </section>
    </div>
  );
}

export default RuntimeEventsPage;
