import {
  AUDIT_CURSOR_TAG,
  type AuditListResponse,
  type endpoints,
  intIdCursor,
  type Parsed,
} from '@callflow/contract';
import type { Database } from '@callflow/db';
import { splitPage } from '../splitPage.ts';

/** The audit log's filters and page, as GET /audit parses them. */
export type AuditQuery = Parsed<(typeof endpoints)['listAudit']['query']>;

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

/** One page of audit events, newest first, and where the next one starts. */
export async function readAuditLog(db: Database, query: AuditQuery): Promise<AuditListResponse> {
  const { cursor } = query;
  const rows = await db.prisma.auditEvent.findMany({
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
  const page = splitPage(rows, query.limit, (event) =>
    intIdCursor.encode(AUDIT_CURSOR_TAG, { at: event.at, id: event.id }),
  );
  return {
    items: page.rows.map((row) => ({
      id: row.id,
      at: row.at.toISOString(),
      actor: row.actor,
      action: row.action,
      target: row.target,
      details: parseDetails(row.details),
    })),
    nextCursor: page.nextCursor,
  };
}
