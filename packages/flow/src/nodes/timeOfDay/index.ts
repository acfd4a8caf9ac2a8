import { z } from 'zod';
import { defineNodeKind } from '../NodeKindDefinition.ts';
import { isOpenAt, weekdays } from './isOpenAt.ts';

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'use HH:MM, 00:00 to 24:00');

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const timeOfDay = defineNodeKind({
  kind: 'timeOfDay',
  title: 'Time of day',
  description: 'Branches on opening hours: weekdays and time ranges in a time zone.',
  options: z
    .object({
      timeZone: z.string().refine(isTimeZone, 'not a known time zone; use a name like Europe/Paris'),
      /** A range whose end is before its start runs past midnight into the next day. */
      ranges: z
        .array(
          z
            .object({
              days: z.array(z.enum(weekdays)).min(1, 'pick at least one day'),
              start: clockTime,
              end: clockTime,
            })
            .strict(),
        )
        .max(50),
      /** Whole days closed regardless of the ranges (holidays), as YYYY-MM-DD in the time zone. */
      closedDates: z
        .array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD'))
        .max(366)
        .default([]),
    })
    .strict(),
  ports: () => ['open', 'closed'],
  waitsForCaller: false,
  variablesSet: () => [],
  run: async (options, context) => (isOpenAt(options, context.now()) ? 'open' : 'closed'),
});
