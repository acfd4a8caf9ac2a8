import { z } from 'zod';
import { defineRoute } from '../../http/defineRoute.ts';

const cursorContentSchema = z.object({ at: z.iso.datetime(), id: z.number().int() });

/** Where the next page starts: the last event of this page, as opaque base64url text. */
function encodeCursor(event: { at: Date; id: number }): string {
  return Buffer.from(JSON.stringify({ at: event.at.toISOString(), id: event.id })).toString('base64url');
}

const cursorSchema = z
  .string()
  .max(1000)
  .transform((text, context) => {
    try {
      const parsed = cursorContentSchema.safeParse(
        JSON.parse(Buffer.from(text, 'base64url').toString('utf8')),
      );
      if (parsed.success) return { at: new Date(parsed.data.at), id: parsed.data.id };
    } catch {
      // Not JSON: reported below like any other bad cursor.
    }
    context.addIssue({ code: 'custom', message: 'not a cursor this API returned (use nextCursor as it is)' });
    return z.NEVER;
  });

/** An instant: `2025-01-31T08:00:00Z`, with an offset, or a day (`2025-01-31`, midnight UTC). */
const instantSchema = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()], {
    error: 'use an ISO 8601 date or date-time, e.g. 2025-01-31 or 2025-01-31T08:00:00Z',
  })
  .transform((text) => new Date(text));

const auditEventSchema = z.object({
  id: z.number(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  target: z.string(),
  details: z.record(z.string(), z.unknown()).nullable(),
});

function parseDetails(text: string | null): Record<string, unknown> | null {
  if (text === null) return null;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : { value };
  } catch {
    return { text };
  }
}

export const listAuditRoute = defineRoute({
  method: 'get',
  path: '/audit',
  summary: 'Audit events, newest first: who changed what (publications, imports, deletions, users)',
  tag: 'audit',
  access: 'admin',
  query: z.object({
    action: z.string().min(1).max(100).optional().describe('only this action, e.g. publish or user_update'),
    actor: z.string().min(1).max(100).optional().describe('only events by this username'),
    since: instantSchema.optional().describe('events at or after this instant (date or date-time)'),
    until: instantSchema.optional().describe('events before this instant (date or date-time)'),
    limit: z.coerce
      .number('limit is a number')
      .int('limit is a whole number')
      .min(1, 'limit is at least 1')
      .max(200, 'limit is at most 200')
      .default(50)
      .describe('events per page, 1 to 200'),
    cursor: cursorSchema.optional().describe('nextCursor of the previous page, as it is'),
  }),
  responses: { 200: z.object({ items: z.array(auditEventSchema), nextCursor: z.string().nullable() }) },
  handler: async ({ query, services }) => {
    const { cursor } = query;
    const rows = await services.db.prisma.auditEvent.findMany({
      where: {
        action: query.action,
        actor: query.actor,
        at: { gte: query.since, lt: query.until },
        ...(cursor === undefined
          ? {}
          : { OR: [{ at: { lt: cursor.at } }, { at: cursor.at, id: { lt: cursor.id } }] }),
      },
      orderBy: [{ at: 'desc' }, { id: 'desc' }],
      take: query.limit + 1,
    });
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      status: 200,
      body: {
        items: page.map((row) => ({
          id: row.id,
          at: row.at.toISOString(),
          actor: row.actor,
          action: row.action,
          target: row.target,
          details: parseDetails(row.details),
        })),
        nextCursor: rows.length > query.limit && last !== undefined ? encodeCursor(last) : null,
      },
    };
  },
});

export const auditRoutes = [listAuditRoute];
