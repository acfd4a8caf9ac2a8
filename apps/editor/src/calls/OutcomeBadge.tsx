import { type CallItem, type CallOutcome, callOutcomes } from '@callflow/contract';
import { z } from 'zod';
import { outcomeLabels } from './outcomeLabels.ts';

const tones: Record<CallOutcome, string> = {
  completed: 'badge--success',
  // Callers hanging up is how most IVR calls end: not a problem.
  caller_hangup: '',
  step_limit: 'badge--warning',
  error: 'badge--danger',
  lost: 'badge--warning',
  time_limit: 'badge--warning',
  rejected: 'badge--warning',
};

// The API types `outcome` as any string; one this editor does not know is shown as it is.
const knownOutcome = z.enum(callOutcomes);

/** "Live" while the call goes on, then how it ended. */
export function OutcomeBadge({ call }: { call: Pick<CallItem, 'live' | 'outcome'> }) {
  if (call.live) {
    return (
      <span className="badge live-badge">
        <span className="live-dot" aria-hidden="true" />
        Live
      </span>
    );
  }
  if (call.outcome === null) return <span className="badge">Ended</span>;
  const known = knownOutcome.safeParse(call.outcome);
  if (!known.success) return <span className="badge">{call.outcome}</span>;
  return <span className={`badge ${tones[known.data]}`.trim()}>{outcomeLabels[known.data]}</span>;
}
