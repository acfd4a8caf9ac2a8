export interface FormatInstantOptions {
  /**
   * `list` (default): short enough for a table column, with the day in words ("Today 14:03",
   * "Yesterday 09:12", "3 Dec 09:12", "3 Dec 2025 09:12" in another year). `full`: every part, for a
   * tooltip or a detail page. `time`: within a call, whose date is shown once above.
   */
  readonly style?: 'list' | 'full' | 'time';
  /** The clock "today" is measured against (tests fix it). */
  readonly now?: number;
  /** The viewer's locale unless a test fixes one. */
  readonly locale?: string;
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** Intl formats are slow to build and a call list formats hundreds of instants: one per locale and style. */
function format(locale: string | undefined, name: string, options: Intl.DateTimeFormatOptions) {
  const key = `${locale ?? ''}|${name}`;
  let found = formats.get(key);
  if (found === undefined) {
    found = new Intl.DateTimeFormat(locale, options);
    formats.set(key, found);
  }
  return found;
}

const hourMinute = { hour: '2-digit', minute: '2-digit' } as const;

/** Whole calendar days from `date` to `now`, in the viewer's time zone (0 today, 1 yesterday). */
function daysBefore(date: Date, now: Date): number {
  const midnight = (day: Date) => new Date(day.getFullYear(), day.getMonth(), day.getDate()).getTime();
  // Rounded: a day with a daylight-saving change is 23 or 25 hours long.
  return Math.round((midnight(now) - midnight(date)) / 86_400_000);
}

/** An ISO instant in the viewer's time zone, as people read a log (see FormatInstantOptions.style). */
export function formatInstant(iso: string, options: FormatInstantOptions = {}): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const { locale } = options;
  if (options.style === 'full')
    return format(locale, 'full', { dateStyle: 'full', timeStyle: 'medium' }).format(date);
  if (options.style === 'time')
    return format(locale, 'time', { ...hourMinute, second: '2-digit' }).format(date);
  const now = new Date(options.now ?? Date.now());
  const time = format(locale, 'hourMinute', hourMinute).format(date);
  const days = daysBefore(date, now);
  if (days === 0) return `Today ${time}`;
  if (days === 1) return `Yesterday ${time}`;
  const sameYear = date.getFullYear() === now.getFullYear();
  const day = sameYear
    ? format(locale, 'dayMonth', { day: 'numeric', month: 'short' }).format(date)
    : format(locale, 'dayMonthYear', { day: 'numeric', month: 'short', year: 'numeric' }).format(date);
  return `${day} ${time}`;
}
