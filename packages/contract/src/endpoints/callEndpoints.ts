import { z } from 'zod';
import { callDetailSchema, callListResponseSchema, callOutcomes } from '../callContract.ts';
import { errorSchema } from '../errorContract.ts';
import { checkRange, instantSchema, limitSchema, stringIdCursor } from '../pagination.ts';
import { defineEndpoint } from './Endpoint.ts';

/** The tag of call list cursors (see pagination.ts). */
export const CALL_CURSOR_TAG = 'calls';

export const callIdParams = z.object({ callId: z.string().min(1).max(200) });

/** The call log and its live stream. */
export const callEndpoints = {
  listCalls: defineEndpoint({
    method: 'get',
    path: '/calls',
    summary: 'Call log, newest first, with filters and cursor pagination',
    tag: 'calls',
    access: 'viewer',
    query: z
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
        cursor: stringIdCursor
          .schema(CALL_CURSOR_TAG)
          .optional()
          .describe('`nextCursor` of the previous page'),
        limit: limitSchema,
      })
      .superRefine(checkRange),
    responses: { 200: callListResponseSchema },
    success: 200,
  }),
  // Before `/calls/:callId`, which would otherwise take `stream` for a call id.
  callStream: defineEndpoint({
    method: 'get',
    path: '/calls/stream',
    summary:
      'Server-Sent Events: `call` events (live calls when connecting, then new or changed calls, including a live call entering another node: `currentNodeId`) and `step` events as steps are written; a comment every 15 s keeps it open. Ends with a `session_ended` event when the login session ends; 429 `too_many_streams` beyond CALLFLOW_LIVE_STREAMS_PER_SESSION per session',
    tag: 'calls',
    access: 'viewer',
    query: z.object({
      extension: z.string().min(1).max(64).optional(),
      flowId: z.string().min(1).max(64).optional(),
    }),
    responses: { 200: null, 429: errorSchema },
    success: 200,
  }),
  getCall: defineEndpoint({
    method: 'get',
    path: '/calls/:callId',
    summary: 'One call with its step timeline (ordered by seq)',
    tag: 'calls',
    access: 'viewer',
    params: callIdParams,
    responses: { 200: callDetailSchema, 404: null },
    success: 200,
  }),
};
