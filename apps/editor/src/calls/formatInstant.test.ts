import { describe, expect, it } from 'vitest';
import { formatInstant } from './formatInstant.ts';

// Instants are built in the machine's time zone, as the viewer reads them: the test holds in any zone.
const at = (...parts: [number, number, number, number, number, number?]) =>
  new Date(parts[0], parts[1] - 1, parts[2], parts[3], parts[4], parts[5] ?? 0).toISOString();
const now = new Date(2026, 11, 7, 16, 30).getTime();
const list = (iso: string) => formatInstant(iso, { now, locale: 'en-GB' });

describe('formatInstant in a list', () => {
  it('says "Today" with the minute for an instant earlier today', () => {
    expect(list(at(2026, 12, 7, 14, 3, 59))).toBe('Today 14:03');
    expect(list(at(2026, 12, 7, 0, 0))).toBe('Today 00:00');
  });

  it('says "Yesterday" for the day before, even less than 24 hours ago', () => {
    expect(list(at(2026, 12, 6, 9, 12))).toBe('Yesterday 09:12');
    expect(list(at(2026, 12, 6, 23, 59))).toBe('Yesterday 23:59');
  });

  it('gives the day and month for an earlier day of the same year', () => {
    expect(list(at(2026, 12, 3, 9, 12))).toBe('3 Dec 09:12');
    expect(list(at(2026, 1, 1, 0, 5))).toBe('1 Jan 00:05');
  });

  it('adds the year for another year', () => {
    expect(list(at(2025, 12, 3, 9, 12))).toBe('3 Dec 2025 09:12');
  });

  it('counts calendar days across the turn of a year', () => {
    const newYear = new Date(2027, 0, 1, 8, 0).getTime();
    expect(formatInstant(at(2026, 12, 31, 22, 15), { now: newYear, locale: 'en-GB' })).toBe(
      'Yesterday 22:15',
    );
  });
});

describe('formatInstant in other styles', () => {
  it('writes the full date with weekday, year and seconds for a tooltip', () => {
    expect(formatInstant(at(2026, 12, 3, 9, 12, 7), { style: 'full', locale: 'en-GB' })).toBe(
      'Thursday, 3 December 2026 at 09:12:07',
    );
  });

  it('writes the time alone within a call', () => {
    expect(formatInstant(at(2026, 12, 3, 9, 12, 7), { style: 'time', locale: 'en-GB' })).toBe('09:12:07');
  });

  it('gives back what is not an instant as it is', () => {
    expect(formatInstant('not a date', { now })).toBe('not a date');
  });
});
