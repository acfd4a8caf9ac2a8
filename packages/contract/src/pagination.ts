import { z } from 'zod';
import { fromBase64url, toBase64url } from './base64url.ts';

/**
 * Keyset pagination cursors: the position after the last item of a page (its time and id), as
 * opaque base64url JSON tagged with the list it belongs to. A cursor that does not decode is a
 * problem on `query.cursor` (400), never a server error.
 */
export interface Position<Id> {
  readonly at: Date;
  readonly id: Id;
}

function encode(tag: string, at: Date, id: string | number): string {
  return toBase64url(JSON.stringify([tag, at.getTime(), id]));
}

function decode(tag: string, text: string): [number, unknown] | undefined {
  if (!/^[A-Za-z0-9_-]{1,1000}$/.test(text)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(fromBase64url(text) ?? '');
  } catch {
    return undefined;
  }
  if (!Array.isArray(value) || value.length !== 3 || value[0] !== tag) return undefined;
  const [, at, id]: unknown[] = value;
  if (typeof at !== 'number' || !Number.isSafeInteger(at) || Number.isNaN(new Date(at).getTime())) {
    return undefined;
  }
  return [at, id];
}

const invalidCursor = 'not a cursor this API handed out (start again without it)';

/** Cursor of a list ordered by a time and a string id (calls: startedAt, id). */
export const stringIdCursor = {
  encode: (tag: string, position: Position<string>): string => encode(tag, position.at, position.id),
  schema: (tag: string) =>
    z
      .string()
      .max(1000)
      .transform((text, context): Position<string> => {
        const decoded = decode(tag, text);
        if (decoded === undefined || typeof decoded[1] !== 'string' || decoded[1].length > 200) {
          context.addIssue({ code: 'custom', message: invalidCursor });
          return z.NEVER;
        }
        return { at: new Date(decoded[0]), id: decoded[1] };
      }),
};

/** Cursor of a list ordered by a time and an integer id (runtime events: at, id). */
export const intIdCursor = {
  encode: (tag: string, position: Position<number>): string => encode(tag, position.at, position.id),
  schema: (tag: string) =>
    z
      .string()
      .max(1000)
      .transform((text, context): Position<number> => {
        const decoded = decode(tag, text);
        if (decoded === undefined || typeof decoded[1] !== 'number' || !Number.isSafeInteger(decoded[1])) {
          context.addIssue({ code: 'custom', message: invalidCursor });
          return z.NEVER;
        }
        return { at: new Date(decoded[0]), id: decoded[1] };
      }),
};

export const limitSchema = z.coerce
  .number()
  .int()
  .min(1)
  .max(200)
  .default(50)
  .describe('Page size, 1–200 (default 50)');

/** An instant: an ISO date-time with offset (`2026-01-31T12:00:00Z`) or a date (`2026-01-31`, UTC midnight). */
export const instantSchema = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()], {
    error: 'use an ISO 8601 date or date-time, e.g. 2025-01-31 or 2025-01-31T08:00:00Z',
  })
  .transform((text) => new Date(text));

/** `from` inclusive, `to` exclusive; a range ending before it starts is refused. */
export function checkRange(
  value: { from?: Date | undefined; to?: Date | undefined },
  context: z.RefinementCtx,
): void {
  if (value.from !== undefined && value.to !== undefined && value.from > value.to) {
    context.addIssue({ code: 'custom', path: ['to'], message: '`to` is before `from`' });
  }
}

const flowPosition = z.tuple([z.string(), z.string()]);

/**
 * Cursor of the flow list, ordered by name then id: the last flow's name and id. Its query parameter
 * is plain text; the route decodes it after the other parameters are checked.
 */
export const flowCursor = {
  encode: (flow: { readonly name: string; readonly id: string }): string =>
    toBase64url(JSON.stringify([flow.name, flow.id])),
  /** The position a cursor names, or null when it is not a cursor of this list. */
  decode: (text: string): { name: string; id: string } | null => {
    try {
      const parsed = flowPosition.safeParse(JSON.parse(fromBase64url(text) ?? ''));
      return parsed.success ? { name: parsed.data[0], id: parsed.data[1] } : null;
    } catch {
      return null;
    }
  },
};
