import type { StepItem } from '@callflow/contract';
import type { StoryLine } from './callStory.ts';
import { formatDuration } from './formatDuration.ts';
import { formatInstant } from './formatInstant.ts';

export interface CallTimelineProps {
  readonly lines: readonly StoryLine[];
  /** The call goes on: more steps will come. */
  readonly live: boolean;
  /** Where a live call is now, as the story names it ("“Main menu”"), when known. */
  readonly nowIn?: string | null;
  /** Show what the runtime logged for each step: node id, kind, port, variables, its own error text. */
  readonly details: boolean;
}

/** The runtime's record of one step, for whoever needs it (the Details toggle). */
function StepDetails({ step }: { step: StepItem }) {
  const variables = Object.entries(step.variables);
  return (
    <div className="call-step__details small" data-testid="step-details">
      <div className="call-step__meta">
        <span className="mono">{step.nodeId}</span>
        <span className="badge">{step.kind}</span>
        {step.port === null ? (
          <span className="muted">no port</span>
        ) : (
          <span>
            <span className="muted">port </span>
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
        <p className="call-step__error mono" role="note">
          {step.error}
        </p>
      )}
    </div>
  );
}

/** What happened in a call, one line per step in the user's words; the runtime's record on demand. */
export function CallTimeline({ lines, live, details, nowIn = null }: CallTimelineProps) {
  if (lines.length === 0 && !live) {
    return <p className="muted call-timeline__empty">No steps were logged for this call.</p>;
  }
  return (
    <ol className="plain-list call-timeline" aria-label="What happened">
      {lines.map((line) => (
        <li
          key={line.key}
          className="call-step"
          data-step-seq={line.step?.seq}
          data-error={line.tone === 'problem'}
        >
          <span className="call-step__marker" aria-hidden="true" />
          <div className="call-step__head">
            <span className="call-step__text">{line.text}</span>
            <span className="spacer" />
            {line.step !== null && (
              <time
                className="muted small call-step__time"
                dateTime={line.step.enteredAt}
                title={formatInstant(line.step.enteredAt, { style: 'full' })}
              >
                {formatInstant(line.step.enteredAt, { style: 'time' })}
              </time>
            )}
          </div>
          {details && line.step !== null && <StepDetails step={line.step} />}
        </li>
      ))}
      {live && (
        <li className="call-step call-step--pending" aria-live="polite">
          <span className="call-step__marker" aria-hidden="true" />
          <span className="muted small">
            {nowIn === null ? 'The call is going on; steps appear as they happen…' : `Now in ${nowIn}…`}
          </span>
        </li>
      )}
    </ol>
  );
}
