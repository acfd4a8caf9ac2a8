import type { CallItem } from '@callflow/contract';
import type { CallFilters } from '../api/callsApi.ts';

/**
 * Whether GET /calls with these filters would list the call. The stream filters only by extension
 * and flow, so a streamed call is checked here before it joins a filtered list.
 */
export function callMatchesFilters(call: CallItem, filters: CallFilters): boolean {
  const started = Date.parse(call.startedAt);
  return (
    (filters.extension === undefined || call.extension === filters.extension) &&
    (filters.flowId === undefined || call.flowId === filters.flowId) &&
    (filters.outcome === undefined || call.outcome === filters.outcome) &&
    (filters.callerNumber === undefined || call.callerNumber === filters.callerNumber) &&
    (filters.hangupCause === undefined ||
      (call.hangupCause ?? '').toLowerCase().includes(filters.hangupCause.toLowerCase())) &&
    (filters.from === undefined || started >= Date.parse(filters.from)) &&
    (filters.to === undefined || started < Date.parse(filters.to)) &&
    (filters.live === undefined || call.live === filters.live)
  );
}
