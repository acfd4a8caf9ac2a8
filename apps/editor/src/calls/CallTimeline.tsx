import type { StepItem } from '@callflow/contract';
import { formatDuration } from './formatDuration.ts';
import { formatInstant } from './formatInstant.ts';

export interface CallTimelineProps {
  readonly steps: readonly StepItem[];
  /** The call goes on: more steps will come. */
  readonly live: boolean;
  /** Node id → label from the flow version the call ran (empty when it cannot be read). */
  readonly labels: ReadonlyMap<string, string>;
}

/** The steps a call took, in order: node, port taken, time spent, variables set, error. */
export function CallTimeline({ steps, live, labels }: CallTimelineProps) {
  if (steps.length === 0 && !live) {
    return <p className="muted call-timeline__empty">No steps were logged for this call.</p>;
  }
  return (
    <ol className="plain-list call-timeline" aria-label="Steps">
      {steps.map((step) => {
        const label = labels.get(step.nodeId) ?? '';
        const variables = Object.entries(step.variables);
        return (
          <li key={step.id} className="call-step" data-step-seq={step.seq} data-error={step.error !== null}>
            <span className="call-step__marker" aria-hidden="true" />
            <div className="call-step__head">
              <span className="call-step__node truncate">
                {label === '' ? <span className="mono">{step.nodeId}</span> : label}
              </span>
              {label !== '' && <span className="mono muted small">{step.nodeId}</span>}
              <span className="badge">{step.kind}</span>
              <span className="spacer" />
              <time className="muted small" dateTime={step.enteredAt} title="Entered at">
                {formatInstant(step.enteredAt, { style: 'time' })}
              </time>
            </div>
            <div className="call-step__meta small">
              {step.port === null ? (
                <span className="muted">no port</span>
              ) : (
                <span>
                  <span className="muted">→ </span>
                  <span className="call-step__port mono">{step.port}</span>
                </span>
              )}
              <span className="muted">
                {step.durationMs === null ? 'still there' : formatDuration(step.durationMs)}
              </span>
            </div>
            {variables.length > 0 && (
              <ul className="plain-list call-step__variables" aria-label="Variables set">
                {variables.map(([name, value]) => (
                  <li key={name} className="chip mono" title={`${name}=${value}`}>
                    {name}={value}
                  </li>
                ))}
              </ul>
            )}
            {step.error !== null && (
              <p className="call-step__error" role="note">
                {step.error}
              </p>
            )}
          </li>
        );
      })}
      {live && (
        <li className="call-step call-step--pending" aria-live="polite">
          <span className="call-step__marker" aria-hidden="true" />
          <span className="muted small">The call is going on; steps appear as they are logged…</span>
        </li>
      )}
    </ol>
  );
}
