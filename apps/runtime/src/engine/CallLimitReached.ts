import type { CallLimitName } from './CallLimits.ts';

/**
 * Why the runtime ended a call that passed a time limit: the reason of the call's hangup signal, so
 * the step it was in and the call log say so instead of "caller hung up".
 */
export class CallLimitReached {
  constructor(
    readonly limit: Extract<CallLimitName, 'call_seconds' | 'bridge_seconds'>,
    /** What happened, for the call log: which limit, how long, which variable sets it. */
    readonly message: string,
  ) {}
}
