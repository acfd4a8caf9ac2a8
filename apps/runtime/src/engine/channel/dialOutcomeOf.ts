import type { DialOutcome } from '@callflow/flow/runtime';

/** Dial events' `dialstatus` values that end a dial attempt. */
export function dialOutcomeOfStatus(status: string): DialOutcome | 'answer' | undefined {
  switch (status) {
    case 'ANSWER':
      return 'answer';
    case 'BUSY':
      return 'busy';
    case 'NOANSWER':
    case 'CANCEL':
      return 'noanswer';
    case 'CHANUNAVAIL':
      return 'unavailable';
    case 'CONGESTION':
    case 'INVALIDARGS':
    case 'DONTCALL':
    case 'TORTURE':
      return 'failed';
    default:
      return undefined; // RINGING, PROGRESS, '' : still going
  }
}

/**
 * A callee that hung up before answering, by Q.850 cause. chan_pjsip reports busy and unavailable
 * this way rather than through Dial events.
 */
export function dialOutcomeOfCause(cause: number): DialOutcome {
  if (cause === 17 || cause === 21) return 'busy';
  if ([1, 2, 3, 20, 22, 27, 28].includes(cause)) return 'unavailable';
  if ([34, 38, 41, 42, 47, 58, 88].includes(cause)) return 'failed';
  return 'noanswer';
}
