import { formatInstant } from '../calls/formatInstant.ts';

/** "just now", "12 s ago", "5 min ago", else the instant ("Yesterday 09:12"). */
export function heardAgo(updatedAt: string, checkedAt: string): string {
  const seconds = Math.max(0, Math.round((Date.parse(checkedAt) - Date.parse(updatedAt)) / 1000));
  if (seconds < 5) return 'just now';
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  return formatInstant(updatedAt, { now: Date.parse(checkedAt) });
}
