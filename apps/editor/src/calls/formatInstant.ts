const timeOnly = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});
const shortDateAndTime = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
const dateAndTime = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/**
 * An ISO instant in the viewer's time zone. `list` has to fit a narrow column: the time alone when
 * it is today (the common case on a live log), else day and minute. `time`: within a call, whose
 * date is shown once above.
 */
export function formatInstant(
  iso: string,
  options: { style?: 'list' | 'full' | 'time'; now?: number } = {},
): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  if (options.style === 'full') return dateAndTime.format(date);
  if (options.style === 'time') return timeOnly.format(date);
  const today = new Date(options.now ?? Date.now()).toDateString() === date.toDateString();
  return today ? timeOnly.format(date) : shortDateAndTime.format(date);
}
