import type { CallOutcome } from '@callflow/contract';

/** How each outcome reads in the filter and on badges. */
export const outcomeLabels: Record<CallOutcome, string> = {
  completed: 'Completed',
  caller_hangup: 'Caller hung up',
  step_limit: 'Step limit',
  time_limit: 'Time limit',
  error: 'Error',
  lost: 'Lost',
  rejected: 'Rejected',
};
