import { z } from 'zod';
import { defineNodeKind } from '../NodeKindDefinition.ts';
import { weekdays } from './isOpenAt.ts';
import { openingHoursSummary } from './openingHoursSummary.ts';

const clockTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'use HH:MM, 00:00 to 24:00')
  .max(5);

/** IANA names are at most 32 characters (America/Argentina/ComodRivadavia); 64 leaves room. */
const maxTimeZoneLength = 64;

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
  icon: 'clock',
  options: z
    .object({
      timeZone: z
        .string()
        // abort: a name this long is refused without asking Intl to look it up.
        .max(maxTimeZoneLength, { abort: true })
        .refine(isTimeZone, 'not a known time zone; use a name like Europe/Paris')
        .meta({
          title: 'Time zone',
          description: 'Where the opening hours apply',
          widget: 'timeZone',
          examples: ['Europe/Paris'],
        }),
      ranges: z
        .array(
          z
            .object({
              days: z
                .array(
                  z.enum(weekdays).meta({
                    enumLabels: {
                      mon: 'Mon',
                      tue: 'Tue',
                      wed: 'Wed',
                      thu: 'Thu',
                      fri: 'Fri',
                      sat: 'Sat',
                      sun: 'Sun',
                    },
                  }),
                )
                .min(1, 'pick at least one day')
                .max(weekdays.length)
                .refine((days) => new Set(days).size === days.length, 'each day can be listed once only')
                .meta({ title: 'Days', description: 'The weekdays this range applies to' }),
              start: clockTime.meta({ title: 'Opens at', description: 'HH:MM', examples: ['09:00'] }),
              end: clockTime.meta({
                title: 'Closes at',
                description: 'HH:MM; 24:00 is midnight',
                examples: ['17:00'],
              }),
            })
            .strict()
            .meta({ title: 'Time range' }),
        )
        .max(50)
        .meta({
          title: 'Opening hours',
          description: 'A range that ends before it starts runs past midnight into the next day',
        }),
      closedDates: z
        .array(
          z
            .string()
            .regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD')
            .max(10)
            .meta({ title: 'Date', widget: 'date' }),
        )
        .max(366)
        .default([])
        .meta({
          title: 'Closed dates',
          description: 'Whole days closed whatever the hours, e.g. holidays, in the time zone',
        }),
    })
    .strict(),
  starterOptions: {
    timeZone: 'UTC',
    ranges: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '17:00' }],
  },
  help: {
    does: 'Checks the time in your time zone against your opening hours and closed dates (holidays), and sends the call one way during opening hours and the other way outside them.',
    outcomes: {
      open: 'The call arrives during the opening hours, on a day that is not a closed date.',
      closed: 'The call arrives outside the opening hours, or on a closed date.',
    },
    example:
      'Mon–Fri 09:00–17:00 Europe/Paris: Open → the company menu; Closed → Play “We are closed” and Record a voicemail.',
  },
  ports: () => ['open', 'closed'],
  summarize: (options) => openingHoursSummary(options.ranges),
  waitsForCaller: false,
  variablesSet: () => [],
});
