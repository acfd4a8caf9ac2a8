import type { CallItem } from '@callflow/contract';

/** The API's list order, newest first: `startedAt` descending, then `id` descending. */
export function compareCalls(a: CallItem, b: CallItem): number {
  const byStart = Date.parse(b.startedAt) - Date.parse(a.startedAt);
  if (byStart !== 0) return byStart;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}
