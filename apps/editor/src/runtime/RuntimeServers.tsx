import type { RuntimeStatusResponse } from '@callflow/contract';
import { formatInstant } from '../calls/formatInstant.ts';

export interface RuntimeServersProps {
  readonly status: RuntimeStatusResponse | undefined;
  readonly error: Error | null;
}

/** One card per Asterisk server a runtime reports on: connected or not, version, apps registered. */
export function RuntimeServers({ status, error }: RuntimeServersProps) {
  if (status === undefined) {
    return (
      <div className="runtime-servers" aria-busy={error === null}>
        {error === null ? (
          <div className="card runtime-server runtime-server--placeholder" aria-hidden="true" />
        ) : (
          <p className="notice notice--error">Cannot read the runtime's status: {error.message}</p>
        )}
      </div>
    );
  }
  if (status.servers.length === 0) {
    return (
      <div className="runtime-servers">
        <div className="card runtime-server runtime-server--none">
          <h2>No runtime has reported yet</h2>
          <p className="muted">
            Start the runtime (<code>npm start</code>) with access to Asterisk: it reports here every few
            seconds, and published flows answer calls only while it runs.
          </p>
        </div>
      </div>
    );
  }
  return (
    <div className="runtime-servers">
      {status.servers.map((server) => {
        const state = server.connected ? 'connected' : server.stale ? 'stale' : 'disconnected';
        return (
          <section
            key={server.asteriskServer}
            className="card runtime-server"
            data-state={state}
            aria-label={`Asterisk server ${server.asteriskServer}`}
          >
            <div className="runtime-server__head">
              <h2 className="runtime-server__name">{server.asteriskServer}</h2>
              {state === 'connected' && <span className="badge badge--success">Connected</span>}
              {state === 'disconnected' && <span className="badge badge--danger">Not connected</span>}
              {state === 'stale' && (
                <span className="badge badge--warning" title="The runtime has stopped reporting">
                  No report since {formatInstant(server.updatedAt)}
                </span>
              )}
            </div>
            <dl className="facts runtime-server__facts">
              <dt>Asterisk</dt>
              <dd>{server.asteriskVersion ?? <span className="muted">unknown</span>}</dd>
              <dt>Apps</dt>
              <dd>
                {server.apps.length === 0 ? (
                  <span className="muted">none registered</span>
                ) : (
                  <span title={server.apps.join(', ')}>
                    {server.apps.length} registered{' '}
                    <span className="muted mono small">{server.apps.join(', ')}</span>
                  </span>
                )}
              </dd>
              <dt>Runtime up since</dt>
              <dd>{formatInstant(server.startedAt)}</dd>
            </dl>
          </section>
        );
      })}
    </div>
  );
}
