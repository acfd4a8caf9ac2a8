import {
  runtimeEventLevels,
  runtimeEventListResponseSchema,
  runtimeEventTypes,
  runtimeStatusResponseSchema,
} from '@callflow/contract';
import type { Prisma } from '@callflow/db';
import { z } from 'zod';
import { defineRoute } from '../../http/defineRoute.ts';
import { checkRange, instantSchema, intIdCursor, limitSchema, splitPage } from './pagination.ts';

/** A status row older than this is stale: its runtime stopped writing it, so it counts as disconnected. */
export const RUNTIME_STATUS_STALE_MS = 10_000;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function stringArray(text: string): string[] {
  const value = parseJson(text);
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function stringRecord(text: string): Record<string, string> {
  const value = parseJson(text);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return {};
  return Object.fromEntries(
    Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}

const runtimeStatus = defineRoute({
  method: 'get',
  path: '/runtime/status',
  summary: 'What each runtime reports about its Asterisk server (stale after 10 s without a report)',
  tag: 'runtime',
  access: 'viewer',
  responses: { 200: runtimeStatusResponseSchema },
  handler: async ({ services }) => {
    const rows = await services.db.prisma.runtimeStatus.findMany({ orderBy: { asteriskServer: 'asc' } });
    const now = new Date();
    const servers = rows.map((row) => {
      const stale = now.getTime() - row.updatedAt.getTime() > RUNTIME_STATUS_STALE_MS;
      return {
        asteriskServer: row.asteriskServer,
        connected: row.connected && !stale,
        stale,
        asteriskVersion: row.asteriskVersion,
        apps: stringArray(row.apps),
        serving: stringRecord(row.serving),
        startedAt: row.startedAt.toISOString(),
        updatedAt: row.updatedAt.toISOString(),
      };
    });
    return { status: 200, body: { servers, checkedAt: now.toISOString() } };
  },
});

const CURSOR_TAG = 'events';

const runtimeEvents = defineRoute({
  method: 'get',
  path: '/runtime/events',
  summary: 'Runtime lifecycle log (connections, apps, publications applied, errors), newest first',
  tag: 'runtime',
  access: 'viewer',
  query: z
    .object({
      level: z.enum(runtimeEventLevels).optional(),
      // Not an enum: events stored by another runtime version may have other types, still filterable.
      type: z
        .string()
        .min(1)
        .max(100)
        .optional()
        .describe(`The runtime writes: ${runtimeEventTypes.join(', ')}`),
      extension: z.string().min(1).max(64).optional(),
      asteriskServer: z.string().min(1).max(200).optional(),
      from: instantSchema.optional().describe('Events at or after this instant'),
      to: instantSchema.optional().describe('Events before this instant'),
      cursor: intIdCursor.schema(CURSOR_TAG).optional().describe('`nextCursor` of the previous page'),
      limit: limitSchema,
    })
    .superRefine(checkRange),
  responses: { 200: runtimeEventListResponseSchema },
  handler: async ({ query, services }) => {
    const where: Prisma.RuntimeEventWhereInput[] = [];
    if (query.level !== undefined) where.push({ level: query.level });
    if (query.type !== undefined) where.push({ type: query.type });
    if (query.extension !== undefined) where.push({ extension: query.extension });
    if (query.asteriskServer !== undefined) where.push({ asteriskServer: query.asteriskServer });
    if (query.from !== undefined) where.push({ at: { gte: query.from } });
    if (query.to !== undefined) where.push({ at: { lt: query.to } });
    const cursor = query.cursor;
    if (cursor !== undefined) {
      where.push({ OR: [{ at: { lt: cursor.at } }, { at: cursor.at, id: { lt: cursor.id } }] });
    }
    const rows = await services.db.prisma.runtimeEvent.findMany({
      where: { AND: where },
      orderBy: [{ at: 'desc' }, { id: 'desc' }],
      take: query.limit + 1,
    });
    const { rows: pageRows, nextCursor } = splitPage(rows, query.limit, (event) =>
      intIdCursor.encode(CURSOR_TAG, { at: event.at, id: event.id }),
    );
    const items = pageRows.map((event) => ({
      id: event.id,
      at: event.at.toISOString(),
      level: event.level,
      type: event.type,
      message: services.ari.redact(event.message),
      extension: event.extension,
      appName: event.appName,
      asteriskServer: event.asteriskServer,
    }));
    return { status: 200, body: { items, nextCursor } };
  },
});

export { runtimeEvents, runtimeStatus };
