import { useSearchParams } from 'wouter';
import { runtimeApi } from '../api/runtimeApi.ts';
import { useApiData } from '../api/useApiData.ts';
import { RuntimeEventLog } from './RuntimeEventLog.tsx';
import { RuntimeOverview } from './RuntimeOverview.tsx';
import { RUNTIME_EVENTS_POLL_MS } from './useRuntimeEvents.ts';
import './runtime.css';

/** The query parameters of the event log's filters: a link with one of them opens the log. */
const logParameters = ['level', 'type', 'extension', 'asteriskServer'];

/**
 * The runtime tab, for a PBX administrator first: is the phone system connected, which extensions
 * answer, what went wrong lately. The runtime's own event log (for whoever debugs it) is one tab away.
 */
export function RuntimeEventsPage() {
  const [params, setParams] = useSearchParams();
  const showLog = params.get('view') === 'log' || logParameters.some((name) => params.has(name));
  const status = useApiData((signal) => runtimeApi.status(signal), [], { refreshMs: RUNTIME_EVENTS_POLL_MS });
  const show = (view: 'overview' | 'log') =>
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        if (view === 'log') next.set('view', 'log');
        else for (const name of ['view', ...logParameters]) next.delete(name);
        return next;
      },
      { replace: true },
    );

  return (
    <div className="page runtime-page">
      <header className="page__header runtime-page__header">
        <div>
          <h1>Runtime</h1>
          <p className="muted runtime-page__lead">
            Whether the phone system is connected and which extensions answer calls.
          </p>
        </div>
        <span className="spacer" />
        <div className="runtime-page__tabs" role="tablist" aria-label="Runtime views">
          <button
            type="button"
            role="tab"
            className="runtime-page__tab"
            aria-selected={!showLog}
            onClick={() => show('overview')}
          >
            Overview
          </button>
          <button
            type="button"
            role="tab"
            className="runtime-page__tab"
            aria-selected={showLog}
            onClick={() => show('log')}
          >
            Details: event log
          </button>
        </div>
      </header>

      <div role="tabpanel" aria-label={showLog ? 'Event log' : 'Overview'}>
        {showLog ? (
          <RuntimeEventLog status={status.data} statusError={status.error} />
        ) : (
          <RuntimeOverview status={status.data} statusError={status.error} onShowLog={() => show('log')} />
        )}
      </div>
    </div>
  );
}

export default RuntimeEventsPage;
