import { weekdays } from './isOpenAt.ts';

interface LooseRange {
  readonly days?: readonly unknown[];
  readonly start?: unknown;
  readonly end?: unknown;
}

const dayNames = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** Days as people write them: mon..fri → “Mon–Fri”, mon, wed → “Mon, Wed”. */
function daysText(days: readonly unknown[]): string {
  const indexes = [...new Set(days.map((day) => weekdays.indexOf(day as never)).filter((i) => i >= 0))].sort(
    (a, b) => a - b,
  );
  const runs: string[] = [];
  for (let at = 0; at < indexes.length; ) {
    let end = at;
    while (end + 1 < indexes.length && indexes[end + 1] === (indexes[end] ?? 0) + 1) end++;
    const first = dayNames[indexes[at] ?? 0];
    const last = dayNames[indexes[end] ?? 0];
    runs.push(
      end - at >= 2
        ? `${first}–${last}`
        : indexes
            .slice(at, end + 1)
            .map((i) => dayNames[i])
            .join(', '),
    );
    at = end + 1;
  }
  return runs.join(', ');
}

/** The first opening-hours range in a few words (“Mon–Fri 09:00–17:00”), and how many follow. */
export function openingHoursSummary(ranges: readonly LooseRange[]): string {
  const [first] = ranges;
  if (first === undefined) return 'Always closed';
  const hours =
    typeof first.start === 'string' && typeof first.end === 'string' ? ` ${first.start}–${first.end}` : '';
  const text = `${daysText(first.days ?? [])}${hours}`.trim();
  return ranges.length > 1 ? `${text} + ${ranges.length - 1} more` : text;
}
