import { callDetailSchema, callListResponseSchema, callOutcomes } from '@callflow/contract';
import type { Prisma } from '@callflow/db';
import { z } from 'zod';
import { ApiError } from '../../http/ApiError.ts';
import { type ApiServices, defineRoute } from '../../http/defineRoute.ts';
import { toCallItems, toStepItem } from './callShapes.ts';
import { checkRange, instantSchema, limitSchema, splitPage, stringIdCursor } from './pagination.ts';

const CURSOR_TAG = 'calls';

const listQuery = z
  .object({
    flowId: z.string().min(1).max(64).optional(),
    flowVersionId: z.string().min(1).max(64).optional(),
    extension: z.string().min(1).max(64).optional(),
    callerNumber: z.string().min(1).max(256).optional().describe('Exact caller number'),
    from: instantSchema.optional().describe('Calls started at or after this instant'),
    to: instantSchema.optional().describe('Calls started before this instant'),
    outcome: z.enum(callOutcomes).optional(),
    hangupCause: z
      .string()
      .min(1)
      .max(100)
      // Prisma passes the text to LIKE unescaped and SQLite has no default escape character.
      .regex(/^[^%_\\]*$/, 'search for letters, digits and spaces (`%`, `_` and `\\` are not allowed)')
      .optional()
      .describe('Substring of the hangup cause (e.g. `16` or `normal clearing`), any case'),
    live: z
      .enum(['true', 'false'])
      .transform((value) => value === 'true')
      .optional()
      .describe('true: only calls still going on; false: only ended calls'),
    cursor: stringIdCursor.schema(CURSOR_TAG).optional().describe('`nextCursor` of the previous page'),
    limit: limitSchema,
  })
  .superRefine(checkRange);

/** Case-insensitive substring filter on both engines (SQLite's LIKE already ignores ASCII case). */
function containsAnyCase(
  engine: ApiServices['db']['engine'],
  text: string,
): Prisma.StringNullableFilter<'Call'> {
  const filter = { contains: text, ...(engine === 'postgresql' ? { mode: 'insensitive' } : {}) };
  return filter;
}

const listCalls = defineRoute({
  method: 'get',
  path: '/calls',
  summary: 'Call log, newest first, with filters and cursor pagination',
  tag: 'calls',
  access: 'viewer',
  query: listQuery,
  responses: { 200: callListResponseSchema },
  handler: async ({ query, services }) => {
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
      stringIdCursor.encode(CURSOR_TAG, { at: call.startedAt, id: call.id }),
    );
    return {
      status: 200,
      body: { items: await toCallItems(prisma, pageRows, (text) => services.ari.redact(text)), nextCursor },
    };
  },
});

const callIdParams = z.object({ callId: z.string().min(1).max(200) });

const getCall = defineRoute({
  method: 'get',
  path: '/calls/:callId',
  summary: 'One call with its step timeline (ordered by seq)',
  tag: 'calls',
  access: 'viewer',
  params: callIdParams,
  responses: { 200: callDetailSchema, 404: null },
  handler: async ({ params, services }) => {
    const { prisma } = services.db;
    const call = await prisma.call.findUnique({
      where: { id: params.callId },
      include: { steps: { orderBy: { seq: 'asc' } } },
    });
    if (call === null) throw ApiError.notFound(`call ${params.callId}`);
    const { steps, ...row } = call;
    const redact = (text: string | null) => services.ari.redact(text);
    const [item] = await toCallItems(prisma, [row], redact);
    return { status: 200, body: { ...item, steps: steps.map((step) => toStepItem(step, redact)) } };
  },
});

export { callIdParams, getCall, listCalls };
