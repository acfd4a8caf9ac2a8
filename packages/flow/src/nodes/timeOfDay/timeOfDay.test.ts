import { describe, expect, it } from 'vitest';
import { runTestNode } from '../../testing/runTestNode.ts';
import { timeOfDay } from './timeOfDay.ts';

const hours = {
  timeZone: 'Europe/Paris',
  ranges: [
    { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '18:00' },
    { days: ['sat'], start: '22:00', end: '02:00' },
  ],
  closedDates: ['2026-12-25'],
};
const at = (iso: string) =>
  runTestNode({ id: 't', kind: 'timeOfDay', options: hours }, { now: new Date(iso) });

describe('timeOfDay', () => {
  it('is open on a weekday inside the range, in the configured time zone', async () => {
    // 08:30 UTC is 09:30 in Paris in winter.
    expect((await at('2026-11-23T08:30:00Z')).port).toBe('open');
  });
  it('is closed before opening time in that zone even if UTC says otherwise', async () => {
    expect((await at('2026-11-23T07:30:00Z')).port).toBe('closed');
  });
  it('runs past midnight into the next day', async () => {
    expect((await at('2026-11-29T00:30:00Z')).port).toBe('open'); // Sunday 01:30 Paris, from Saturday's range
    expect((await at('2026-11-29T02:30:00Z')).port).toBe('closed');
  });
  it('is closed on a closed date', async () => {
    expect((await at('2026-12-25T10:00:00Z')).port).toBe('closed');
  });
  it('refuses an unknown time zone', async () => {
    await expect(
      runTestNode({ id: 't', kind: 'timeOfDay', options: { ...hours, timeZone: 'Mars/Base' } }),
    ).rejects.toThrow(/time zone/);
  });
});

describe('timeOfDay options are bounded', () => {
  const hours = (overrides: Record<string, unknown>) =>
    timeOfDay.options.safeParse({
      timeZone: 'Europe/Paris',
      ranges: [{ days: ['mon'], start: '09:00', end: '17:00' }],
      ...overrides,
    });

  it('refuses a time zone name over 64 characters without asking Intl about it', () => {
    const result = hours({ timeZone: `Europe/${'x'.repeat(100_000)}` });
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([expect.objectContaining({ path: ['timeZone'], code: 'too_big' })]);
  });

  it('refuses more than seven days, and a day listed twice, in a range', () => {
    const week = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
    expect(hours({ ranges: [{ days: week, start: '09:00', end: '17:00' }] }).success).toBe(true);
    expect(hours({ ranges: [{ days: [...week, 'mon'], start: '09:00', end: '17:00' }] }).success).toBe(false);
    const twice = hours({ ranges: [{ days: ['mon', 'mon'], start: '09:00', end: '17:00' }] });
    expect(twice.error?.issues).toEqual([
      expect.objectContaining({ path: ['ranges', 0, 'days'], message: 'each day can be listed once only' }),
    ]);
  });
});
