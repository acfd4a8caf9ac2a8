import { describe, expect, it } from 'vitest';
import { runTestNode } from '../../testing/runTestNode.ts';

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
