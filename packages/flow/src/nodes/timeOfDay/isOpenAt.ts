export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
type Weekday = (typeof weekdays)[number];

interface OpeningHours {
  readonly timeZone: string;
  readonly ranges: readonly { days: readonly Weekday[]; start: string; end: string }[];
  readonly closedDates: readonly string[];
}

function minutes(clock: string): number {
  const [hours = 0, mins = 0] = clock.split(':').map(Number);
  return hours * 60 + mins;
}

function localTime(instant: Date, timeZone: string): { date: string; day: Weekday; minute: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  const day = weekdays.find((name) => name === String(parts.weekday).slice(0, 3).toLowerCase()) ?? 'mon';
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    day,
    minute: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

/** Whether opening hours include an instant, evaluated on the wall clock of their time zone. */
export function isOpenAt(hours: OpeningHours, instant: Date): boolean {
  const now = localTime(instant, hours.timeZone);
  if (hours.closedDates.includes(now.date)) return false;
  const previousDay = weekdays[(weekdays.indexOf(now.day) + 6) % 7] ?? 'sun';
  return hours.ranges.some((range) => {
    const start = minutes(range.start);
    const end = minutes(range.end);
    if (start < end) return range.days.includes(now.day) && now.minute >= start && now.minute < end;
    return (
      (range.days.includes(now.day) && now.minute >= start) ||
      (range.days.includes(previousDay) && now.minute < end)
    );
  });
}
