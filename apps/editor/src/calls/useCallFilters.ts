import { callOutcomes } from '@callflow/contract';
import { z } from 'zod';
import type { CallFilters } from '../api/callsApi.ts';
import { type FilterControls, filterText, useQueryFilters } from '../logs/useQueryFilters.ts';

/** What the filter bar shows; kept in the address so a filtered list survives opening a call or a reload. */
export interface CallFilterValues {
  readonly extension: string;
  readonly flowId: string;
  readonly outcome: string;
  readonly callerNumber: string;
  readonly hangupCause: string;
  /** `YYYY-MM-DD`, a day in the viewer's time zone; both days are included. */
  readonly fromDate: string;
  readonly toDate: string;
  /** '', 'live' or 'ended'. */
  readonly status: string;
}

const parameterOf: Record<keyof CallFilterValues, string> = {
  extension: 'extension',
  flowId: 'flow',
  outcome: 'outcome',
  callerNumber: 'caller',
  hangupCause: 'cause',
  fromDate: 'from',
  toDate: 'to',
  status: 'status',
};

const outcomeSchema = z.enum(callOutcomes);
const daySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** Local midnight of a `YYYY-MM-DD` day (plus `addDays`), as the ISO instant the API takes. */
function localMidnight(day: string, addDays = 0): string | undefined {
  if (!daySchema.safeParse(day).success) return undefined;
  const [year, month, date] = day.split('-').map(Number);
  if (year === undefined || month === undefined || date === undefined) return undefined;
  const instant = new Date(year, month - 1, date + addDays);
  return Number.isNaN(instant.getTime()) ? undefined : instant.toISOString();
}

/** The API's filters for what the bar shows; values that are not valid are left out. */
function toCallFilters(values: CallFilterValues): CallFilters {
  const outcome = outcomeSchema.safeParse(values.outcome);
  return {
    extension: filterText(values.extension),
    flowId: filterText(values.flowId),
    outcome: outcome.success ? outcome.data : undefined,
    callerNumber: filterText(values.callerNumber),
    hangupCause: filterText(values.hangupCause),
    from: localMidnight(values.fromDate),
    // The API's `to` is exclusive: the day after, so the chosen day is included.
    to: localMidnight(values.toDate, 1),
    live: values.status === 'live' ? true : values.status === 'ended' ? false : undefined,
  };
}

export type CallFilterControls = FilterControls<keyof CallFilterValues, CallFilters>;

/** The call filters held in the address's query string. */
export function useCallFilters(): CallFilterControls {
  return useQueryFilters(parameterOf, toCallFilters);
}
