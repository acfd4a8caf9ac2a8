import {
  CALL_CURSOR_TAG,
  type CallDetail,
  type CallListResponse,
  type endpoints,
  type Parsed,
  stringIdCursor,
} from '@callflow/contract';
import type { Prisma } from '@callflow/db';
import { ApiError } from '../../http/ApiError.ts';
import type { ApiServices } from '../../http/ApiServices.ts';
import { splitPage } from '../splitPage.ts';
import { toCallItems, toStepItem } from './callViews.ts';

/** The call log's filters and page, as GET /calls parses them. */
export type CallQuery = Parsed<(typeof endpoints)['listCalls']['query']>;

/** Case-insensitive substring filter on both engines (SQLite's LIKE already ignores ASCII case). */
function containsAnyCase(
  engine: ApiServices['db']['engine'],
  text: string,
): Prisma.StringNullableFilter<'Call'> {
  const filter = { contains: text, ...(engine === 'postgresql' ? { mode: 'insensitive' } : {}) };
  return filter;
}

/** One page of the call log, newest first, and where the next one starts. */
export async function listCalls(services: ApiServices, query: CallQuery): Promise<CallListResponse> {
  const { prisma, engine } = services.db;
  const where: Prisma.CallWhereInput[] = [];
  if (query.flowId !== undefined) where.push({ flowId: query.flowId });
  if (query.flowVersionId !== undefined) where.push({ flowVersionId: query.flowVersionId });
  if (query.extension !== undefined) where.push({ extension: query.extension });
  if (query.callerNumber !== undefined) where.push({ callerNumber: query.callerNumber });
  if (query.from !== undefined) where.push({ startedAt: { gte: query.from } });
  if (query.to !== undefined) where.push({ startedAt: { lt: query.to } });
  if (query.outcome !== undefined) where.push({ outcome: query.outcome });
  if (query.hangupCause !== undefined)
    where.push({ hangupCause: containsAnyCase(engine, query.hangupCause) });
  if (query.live !== undefined) where.push({ endedAt: query.live ? null : { not: null } });
  const cursor = query.cursor;
  if (cursor !== undefined) {
    where.push({
      OR: [{ startedAt: { lt: cursor.at } }, { startedAt: cursor.at, id: { lt: cursor.id } }],
    });
  }
  const rows = await prisma.call.findMany({
    where: { AND: where },
    orderBy: [{ startedAt: 'desc' }, { id: 'desc' }],
    take: query.limit + 1,
  });
  const { rows: pageRows, nextCursor } = splitPage(rows, query.limit, (call) =>
    stringIdCursor.encode(CALL_CURSOR_TAG, { at: call.startedAt, id: call.id }),
  );
  return { items: await toCallItems(prisma, pageRows, (text) => services.ari.redact(text)), nextCursor };
}

/** One call with its step timeline; 404 when there is none. */
export async function readCall(services: ApiServices, callId: string): Promise<CallDetail> {
  const { prisma } = services.db;
  const call = await prisma.call.findUnique({
    where: { id: callId },
    include: { steps: { orderBy: { seq: 'asc' } } },
  });
  if (call === null) throw ApiError.notFound(`call ${callId}`);
  const { steps, ...row } = call;
  const redact = (text: string | null) => services.ari.redact(text);
  const [item] = await toCallItems(prisma, [row], redact);
  if (item === undefined) throw ApiError.notFound(`call ${callId}`);
  return { ...item, steps: steps.map((step) => toStepItem(step, redact)) };
}
