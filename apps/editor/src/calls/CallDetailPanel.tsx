import { nodeDisplayName } from '@callflow/flow';
import { useCallback, useMemo, useState } from 'react';
import { Link } from 'wouter';
import { ApiError } from '../api/ApiError.ts';
import { callsApi } from '../api/callsApi.ts';
import { useApiData } from '../api/useApiData.ts';
import { CallRecord } from './CallRecord.tsx';
import { CallRecordings } from './CallRecordings.tsx';
import { CallTimeline } from './CallTimeline.tsx';
import { callStory } from './callStory.ts';
import { formatDuration } from './formatDuration.ts';
import { formatInstant } from './formatInstant.ts';
import { OutcomeBadge } from './OutcomeBadge.tsx';
import { storyName } from './storyName.ts';
import { useCallTrace } from './useCallTrace.ts';
import { useNow } from './useNow.ts';

export interface CallDetailPanelProps {
  readonly callId: string;
  /** Where closing the panel leads (the list with its filters). */
  readonly closeHref: string;
}

/** One call: who, where, how it ended, the path it took, its recordings; follows the call while live. */
export function CallDetailPanel({ callId, closeHref }: CallDetailPanelProps) {
  const { call, steps, error } = useCallTrace(callId);
  const now = useNow(call?.live === true);
  const flowId = call?.flowId ?? null;
  const versionNumber = call?.flowVersionNumber ?? null;
  // Names are a nicety: without the version (deleted, or no access) the story names nodes by kind.
  const version = useApiData(
    (signal) =>
      flowId === null || versionNumber === null
        ? Promise.resolve(null)
        : callsApi.flowVersion(flowId, versionNumber, signal),
    [flowId, versionNumber],
  );
  const document = version.data?.document;
  const story = useMemo(
    () => (call === undefined ? [] : callStory(steps, call, document)),
    [steps, call, document],
  );
  const [details, setDetails] = useState(false);
  const nodeName = useCallback(
    (nodeId: string) => {
      const node = document?.nodes.find((candidate) => candidate.id === nodeId);
      return node === undefined ? 'Record' : nodeDisplayName(node);
    },
    [document],
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
  const currentNode = document?.nodes.find((node) => node.id === call.currentNodeId);
  const nowIn = call.live && currentNode !== undefined ? storyName(currentNode) : null;
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
      </dl>

      <section className="call-detail__section">
        <div className="row call-detail__section-head">
          <h3>What happened</h3>
          <span className="spacer" />
          <button
            type="button"
            className="button button--ghost button--small"
            aria-expanded={details}
            onClick={() => setDetails((shown) => !shown)}
          >
            {details ? 'Hide details' : 'Details'}
          </button>
        </div>
        <CallTimeline lines={story} live={call.live} details={details} nowIn={nowIn} />
        {details && <CallRecord call={call} stepCount={steps.length} />}
      </section>

      <section className="call-detail__section">
        <h3>Recordings</h3>
        <CallRecordings callId={call.id} recordSteps={recordSteps} live={call.live} nodeName={nodeName} />
      </section>
    </article>
  );
}
