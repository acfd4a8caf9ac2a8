import type { CallItem } from '@callflow/contract';
import type { MouseEvent } from 'react';
import { Link } from 'wouter';
import { formatDuration } from './formatDuration.ts';
import { formatInstant } from './formatInstant.ts';
import { OutcomeBadge } from './OutcomeBadge.tsx';
import { useNow } from './useNow.ts';

export interface CallTableProps {
  readonly calls: readonly CallItem[];
  readonly selectedId: string | undefined;
  /** Where a call's row leads (keeps the filters in the address). */
  readonly hrefOf: (call: CallItem) => string;
  readonly onOpen: (call: CallItem) => void;
  /** While the first page loads: placeholder rows of the same height, so nothing jumps. */
  readonly placeholderRows?: number;
  readonly busy?: boolean;
}

/** The call log, newest first; a live call's duration counts up. */
export function CallTable({ calls, selectedId, hrefOf, onOpen, placeholderRows = 0, busy }: CallTableProps) {
  const now = useNow(calls.some((call) => call.live));

  const openRow = (event: MouseEvent, call: CallItem) => {
    // The link in the row navigates by itself; the rest of the row is a larger target for the mouse.
    if (event.target instanceof Element && event.target.closest('a') !== null) return;
    onOpen(call);
  };

  return (
    <table className="table calls-table" aria-busy={busy === true}>
      <thead>
        <tr>
          <th className="calls-table__started">Started</th>
          <th>Caller</th>
          <th className="calls-table__extension">Ext.</th>
          <th>Flow</th>
          <th className="calls-table__duration">Duration</th>
          <th className="calls-table__outcome">Outcome</th>
        </tr>
      </thead>
      <tbody>
        {calls.map((call) => (
          <tr
            key={call.id}
            data-call-id={call.id}
            className={`is-clickable ${call.id === selectedId ? 'is-selected' : ''}`.trim()}
            aria-current={call.id === selectedId ? 'true' : undefined}
            onClick={(event) => openRow(event, call)}
          >
            <td className="calls-table__started">
              <Link href={hrefOf(call)} className="calls-table__link">
                <time dateTime={call.startedAt} title={formatInstant(call.startedAt, { style: 'full' })}>
                  {formatInstant(call.startedAt, { now })}
                </time>
              </Link>
            </td>
            <td className="calls-table__caller">
              <span className="mono">{call.callerNumber || '—'}</span>
              {call.callerName !== '' && (
                <span className="muted calls-table__caller-name">{call.callerName}</span>
              )}
            </td>
            <td className="calls-table__extension mono">{call.extension}</td>
            <td className="calls-table__flow">
              {call.flowName === null ? (
                <span className="muted">{call.flowId === null ? 'No flow' : 'Deleted flow'}</span>
              ) : (
                <>
                  <span className="calls-table__flow-name" title={call.flowName}>
                    {call.flowName}
                  </span>
                  {call.flowVersionNumber !== null && (
                    <span className="muted"> v{call.flowVersionNumber}</span>
                  )}
                </>
              )}
            </td>
            <td className="calls-table__duration">
              {formatDuration(call.durationMs ?? now - Date.parse(call.startedAt))}
            </td>
            <td className="calls-table__outcome">
              <OutcomeBadge call={call} />
            </td>
          </tr>
        ))}
        {Array.from({ length: placeholderRows }, (_, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have nothing else to tell them apart.
          <tr key={index} className="calls-table__placeholder">
            <td colSpan={6}>
              <span className="skeleton" aria-hidden="true" />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
