import type { CallItem } from '@callflow/contract';

/**
 * The later of two reports of the same call. A call only moves forward (steps are added, then it
 * ends once), and a request's answer can land after a newer stream message, so the report that went
 * further wins rather than the one that arrived last.
 */
export function mergeCall(current: CallItem | undefined, incoming: CallItem): CallItem {
  if (current === undefined) return incoming;
  if (current.live !== incoming.live) return current.live ? incoming : current;
  return incoming.stepCount >= current.stepCount ? incoming : current;
}
