import type { CallLimits } from '../engine/CallLimits.ts';

/** Why a new call gets no place, and how Asterisk is told (the SIP answer the caller sees). */
export interface CallRefusal {
  /** The `reason` label of callflow_calls_rejected_total. */
  reason: 'calls_in_progress' | 'calls_per_extension';
  /**
   * The hangup reason given to Asterisk. Over the total: congestion (Q.850 34, SIP 503), which tells
   * a carrier or PBX to try another route or server, as this runtime is full. Over one extension:
   * busy (Q.850 17, SIP 486), like a line whose channels are all taken, where another route would
   * reach the same full flow.
   */
  hangupReason: 'congestion' | 'busy';
  /** For the call log and the log line. */
  message: string;
}

/**
 * Counts calls in progress, in total and per extension, over every Asterisk server of the runtime,
 * and refuses a new call beyond CALLFLOW_MAX_CALLS or CALLFLOW_MAX_CALLS_PER_EXTENSION.
 */
export class CallAdmission {
  #total = 0;
  readonly #perExtension = new Map<string, number>();

  constructor(private readonly limits: Pick<CallLimits, 'maxCalls' | 'maxCallsPerExtension'>) {}

  /** Takes a place for a new call to `extension` (give it back with `release`), or says why not. */
  admit(extension: string): CallRefusal | null {
    const { maxCalls, maxCallsPerExtension } = this.limits;
    const onExtension = this.#perExtension.get(extension) ?? 0;
    if (this.#total >= maxCalls)
      return {
        reason: 'calls_in_progress',
        hangupReason: 'congestion',
        message: `refused before answering: ${this.#total} ${this.#total === 1 ? 'call' : 'calls'} in progress, the most CALLFLOW_MAX_CALLS allows over every Asterisk server`,
      };
    if (onExtension >= maxCallsPerExtension)
      return {
        reason: 'calls_per_extension',
        hangupReason: 'busy',
        message: `refused before answering: extension ${extension} already has ${onExtension} ${onExtension === 1 ? 'call' : 'calls'} in progress, the most CALLFLOW_MAX_CALLS_PER_EXTENSION allows`,
      };
    this.#total++;
    this.#perExtension.set(extension, onExtension + 1);
    return null;
  }

  release(extension: string): void {
    const onExtension = this.#perExtension.get(extension) ?? 0;
    if (onExtension <= 1) this.#perExtension.delete(extension);
    else this.#perExtension.set(extension, onExtension - 1);
    if (this.#total > 0) this.#total--;
  }

  /** Calls holding a place now. */
  get total(): number {
    return this.#total;
  }
}
