import {
  type endpoints,
  intIdCursor,
  type Parsed,
  RUNTIME_EVENT_CURSOR_TAG,
  type RuntimeEventListResponse,
  type RuntimeStatusResponse,
  runtimeEventLevels,
} from '@callflow/contract';
import type { Prisma } from '@callflow/db';
import { z } from 'zod';
import type { ApiServices } from '../../http/ApiServices.ts';
import { splitPage } from '../splitPage.ts';

/** A status row older than this is stale: its runtime stopped writing it, so it counts as disconnected. */
export const RUNTIME_STATUS_STALE_MS = 10_000;

/** The runtime event log's filters and page, as GET /runtime/events parses them. */
export type RuntimeEventQuery = Parsed<(typeof endpoints)['runtimeEvents']['query']>;

/** The runtime writes only these levels; a row holding another (written by hand) shows as an error. */
const storedLevel = z.enum(runtimeEventLevels).catch('error');

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

/** What each runtime last reported about its Asterisk server; a report older than 10 s is stale. */
export async function readRuntimeStatus(services: ApiServices): Promise<RuntimeStatusResponse> {
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
  return { servers, checkedAt: now.toISOString() };
}

/** One page of the runtime's event log, newest first, with ARI addresses and credentials taken out. */
export async function readRuntimeEvents(
  services: ApiServices,
  query: RuntimeEventQuery,
): Promise<RuntimeEventListResponse> {
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
    intIdCursor.encode(RUNTIME_EVENT_CURSOR_TAG, { at: event.at, id: event.id }),
  );
  const items = pageRows.map((event) => ({
    id: event.id,
    at: event.at.toISOString(),
    level: storedLevel.parse(event.level),
    type: event.type,
    message: services.ari.redact(event.message),
    extension: event.extension,
    appName: event.appName,
    asteriskServer: event.asteriskServer,
  }));
  return { items, nextCursor };
}
