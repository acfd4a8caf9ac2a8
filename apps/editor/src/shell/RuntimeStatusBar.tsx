import { runtimeApi } from '../api/runtimeApi.ts';
import { useApiData } from '../api/useApiData.ts';

/** The bottom bar: whether the runtime is connected to Asterisk, from its heartbeat in the API. */
export function RuntimeStatusBar() {
  const { data, error } = useApiData((signal) => runtimeApi.status(signal), [], { refreshMs: 5000 });
  let state: 'ok' | 'down' | 'unknown' = 'unknown';
  let text = 'Checking the runtime…';
  if (error !== null) {
    state = 'down';
    text = `Cannot read the runtime's status: ${error.message}`;
  } else if (data !== undefined) {
    const live = data.servers.filter((server) => !server.stale);
    const connected = live.filter((server) => server.connected);
    if (data.servers.length === 0 || live.length === 0) {
      state = 'down';
      text = 'Runtime not running: published flows do not answer calls';
    } else if (connected.length === live.length) {
      state = 'ok';
      text = `Runtime connected to ${connected
        .map(
          (server) =>
            `${server.asteriskServer}${server.asteriskVersion ? ` (Asterisk ${server.asteriskVersion})` : ''}`,
        )
        .join(', ')}`;
    } else {
      state = 'down';
      const lost = live.filter((server) => !server.connected).map((server) => server.asteriskServer);
      text = `Runtime not connected to Asterisk: ${lost.join(', ')}`;
    }
  }
  return (
    <footer className="status-bar" data-state={state}>
      <span className="status-bar__dot" aria-hidden="true" />
      <span data-testid="runtime-status">{text}</span>
      {data !== undefined && data.servers.length > 0 && (
        <span className="status-bar__apps muted">
          {data.servers.reduce((count, server) => count + server.apps.length, 0)} apps registered
        </span>
      )}
    </footer>
  );
}
