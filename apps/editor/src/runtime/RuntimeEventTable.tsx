import type { RuntimeEvent, RuntimeEventLevel } from '@callflow/contract';
import { formatInstant } from '../calls/formatInstant.ts';
import { useNow } from '../calls/useNow.ts';

const levelTones: Record<RuntimeEventLevel, string> = {
  info: 'badge--accent',
  warn: 'badge--warning',
  error: 'badge--danger',
};

/** The runtime's events, newest first: time, level, type, message and what each concerns. */
export function RuntimeEventTable({ events, busy }: { events: readonly RuntimeEvent[]; busy: boolean }) {
  // Once a minute is enough to move "today" on for the time column.
  const now = useNow(true, 60_000);
  return (
    <table className="table runtime-events" aria-busy={busy}>
      <thead>
        <tr>
          <th className="runtime-events__time">Time</th>
          <th className="runtime-events__level">Level</th>
          <th className="runtime-events__type">Type</th>
          <th>Message</th>
          <th className="runtime-events__concerns">Extension / app</th>
          <th className="runtime-events__server">Asterisk</th>
        </tr>
      </thead>
      <tbody>
        {events.map((event) => (
          <tr key={event.id} data-event-id={event.id} data-level={event.level}>
            <td className="runtime-events__time">
              <time dateTime={event.at}>{formatInstant(event.at, { now })}</time>
            </td>
            <td className="runtime-events__level">
              <span className={`badge ${levelTones[event.level]}`}>{event.level}</span>
            </td>
            <td className="runtime-events__type mono small">{event.type}</td>
            <td className="runtime-events__message">{event.message}</td>
            <td className="runtime-events__concerns">
              {event.extension === null && event.appName === null ? (
                <span className="muted">—</span>
              ) : (
                <>
                  {event.extension !== null && <span className="mono">{event.extension}</span>}
                  {event.appName !== null && (
                    <span className="muted small mono runtime-events__app">{event.appName}</span>
                  )}
                </>
              )}
            </td>
            <td className="runtime-events__server small">
              {event.asteriskServer ?? <span className="muted">—</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
