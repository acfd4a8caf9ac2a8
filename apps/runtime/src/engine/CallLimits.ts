/**
 * What one call, and the calls together, may not exceed: a caller (or a flow) can otherwise hold the
 * runtime's memory, a trunk or a web service for as long as they like.
 */
export interface CallLimits {
  /** Calls in progress over every Asterisk server; beyond it new calls are refused (SIP 503). */
  maxCalls: number;
  /** Calls in progress on one extension; beyond it new calls to it are refused (SIP 486). */
  maxCallsPerExtension: number;
  /** How long a call may last before the runtime hangs it up. */
  maxCallMs: number;
  /** How long a caller may stay in a bridge or an answered dial before the runtime ends the call. */
  maxBridgeMs: number;
  /** Digits kept until the flow reads them; beyond it the oldest are dropped. */
  maxBufferedDigits: number;
  /** HTTP lookups one call may make; beyond it a lookup takes its error port without a request. */
  maxHttpLookups: number;
}

/** The defaults of the CALLFLOW_MAX_* variables (see runtimeConfig). */
export const defaultCallLimits: CallLimits = {
  maxCalls: 500,
  maxCallsPerExtension: 200,
  maxCallMs: 4 * 3600 * 1000,
  maxBridgeMs: 2 * 3600 * 1000,
  maxBufferedDigits: 64,
  maxHttpLookups: 20,
};

/** A limit a call reached, as the `limit` label of callflow_call_limits_reached_total. */
export type CallLimitName = 'call_seconds' | 'bridge_seconds' | 'buffered_digits' | 'http_lookups' | 'steps';

/** "4 h", "90 min", "2.5 s": a limit's length as a log line says it. */
export function describeDuration(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  if (ms % 60_000 === 0) return `${ms / 60_000} min`;
  return `${ms / 1000} s`;
}
