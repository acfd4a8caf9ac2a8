import { useMemo } from 'react';
import { Link } from 'wouter';
import { ApiError } from '../api/ApiError.ts';
import { callsApi } from '../api/callsApi.ts';
import { useApiData } from '../api/useApiData.ts';
import { CallRecordings } from './CallRecordings.tsx';
import { CallTimeline } from './CallTimeline.tsx';
import { formatDuration } from './formatDuration.ts';
import { formatInstant } from './formatInstant.ts';
import { OutcomeBadge } from './OutcomeBadge.tsx';
import { useCallTrace } from './useCallTrace.ts';
import { useNow } from './useNow.ts';

export interface CallDetailPanelProps {
  readonly callId: string;
  /** Where closing the panel leads (the list with its filters). */
  readonly closeHref: string;
}

const noLabels: ReadonlyMap<string, string> = new Map();

/** One call: who, where, how it ended, the path it took, its recordings; follows the call while live. */
export function CallDetailPanel({ callId, closeHref }: CallDetailPanelProps) {
  const { call, steps, error } = useCallTrace(callId);
  const now = useNow(call?.live === true);
  const flowId = call?.flowId ?? null;
  const versionNumber = call?.flowVersionNumber ?? null;
  // Labels are a nicety: without the version (deleted, or no access) the node ids are shown.
  const version = useApiData(
    (signal) =>
      flowId === null || versionNumber === null
        ? Promise.resolve(null)
        : callsApi.flowVersion(flowId, versionNumber, signal),
    [flowId, versionNumber],
  );
  const labels = useMemo(
    () =>
      version.data == null
        ? noLabels
        : new Map(version.data.document.nodes.map((node) => [node.id, node.label] as const)),
    [version.data],
  );
  const recordSteps = steps.filter((step) => step.kind === 'record').length;

  const close = (
    <Link href={closeHref} className="button button--ghost button--small" aria-label="Close the call">
      ✕
    </Link>
  );

  if (error !== null && call === undefined) {
    const gone = error instanceof ApiError && error.status === 404;
    return (
      <div className="call-detail">
        <div className="row">
          <h2 className="call-detail__title">{gone ? 'Call not found' : 'Cannot show this call'}</h2>
          {close}
        </div>
        <p className={gone ? 'muted' : 'notice notice--error'}>
          {gone ? 'This call is not in the call log (it may have been deleted).' : error.message}
        </p>
      </div>
    );
  }

  if (call === undefined) {
    return (
      <div className="call-detail" aria-busy="true">
        <div className="row">
          <span className="skeleton skeleton--title" />
          {close}
        </div>
        <span className="skeleton skeleton--block" />
      </div>
    );
  }

  const durationMs = call.durationMs ?? now - Date.parse(call.startedAt);
  const canvasHref =
    call.flowId !== null && call.flowName !== null && call.flowVersionNumber !== null
      ? `/flows/${encodeURIComponent(call.flowId)}/versions/${call.flowVersionNumber}?call=${encodeURIComponent(call.id)}`
      : null;

  return (
    <article className="call-detail" aria-label={`Call from ${call.callerNumber || 'unknown caller'}`}>
      <div className="row">
        <div className="call-detail__title">
          <h2 className="mono">{call.callerNumber || 'Unknown caller'}</h2>
          {call.callerName !== '' && <span className="muted">{call.callerName}</span>}
        </div>
        <OutcomeBadge call={call} />
        <span className="spacer" />
        {close}
      </div>

      <div className="call-detail__actions">
        {canvasHref === null ? (
          <span className="muted small">The flow version this call ran no longer exists.</span>
        ) : (
          <Link href={canvasHref} className="button button--primary">
            Show on canvas
          </Link>
        )}
      </div>

      {error !== null && <p className="notice notice--error">Cannot refresh this call: {error.message}</p>}

      <dl className="facts call-facts">
        <dt>Extension</dt>
        <dd className="mono">{call.extension}</dd>
        <dt>Flow</dt>
        <dd>
          {call.flowName ?? (
            <span className="muted">{call.flowId === null ? 'No flow' : 'Deleted flow'}</span>
          )}
          {call.flowVersionNumber !== null && (
            <span className="muted"> · version {call.flowVersionNumber}</span>
          )}
        </dd>
        <dt>Started</dt>
        <dd>
          <time dateTime={call.startedAt}>{formatInstant(call.startedAt, { style: 'full' })}</time>
        </dd>
        <dt>Duration</dt>
        <dd>
          {formatDuration(durationMs)}
          {call.live && <span className="muted"> so far</span>}
        </dd>
        <dt>Outcome</dt>
        <dd>{call.live ? <span className="muted">going on</span> : <OutcomeBadge call={call} />}</dd>
        <dt>Hangup cause</dt>
        <dd>{call.hangupCause ?? <span className="muted">—</span>}</dd>
        <dt>Asterisk</dt>
        <dd className="small">
          {call.asteriskServer} <span className="muted mono">{call.channelId}</span>
        </dd>
      </dl>

      {call.error !== null && (
        <p className="notice notice--error call-detail__error">
          <strong>Error:</strong> {call.error}
        </p>
      )}

      <section className="call-detail__section">
        <h3>
          Steps <span className="muted">({steps.length})</span>
        </h3>
        <CallTimeline steps={steps} live={call.live} labels={labels} />
      </section>

      <section className="call-detail__section">
        <h3>Recordings</h3>
        <CallRecordings callId={call.id} recordSteps={recordSteps} live={call.live} />
      </section>
    </article>
  );
}
