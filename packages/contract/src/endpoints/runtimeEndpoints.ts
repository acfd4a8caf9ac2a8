import { z } from 'zod';
import { checkRange, instantSchema, intIdCursor, limitSchema } from '../pagination.ts';
import {
  runtimeEventLevels,
  runtimeEventListResponseSchema,
  runtimeEventTypes,
  runtimeStatusResponseSchema,
} from '../runtimeContract.ts';
import { defineEndpoint } from './Endpoint.ts';

/** The tag of runtime event cursors (see pagination.ts). */
export const RUNTIME_EVENT_CURSOR_TAG = 'events';

/** What the runtime reports about itself through the database. */
export const runtimeEndpoints = {
  runtimeStatus: defineEndpoint({
    method: 'get',
    path: '/runtime/status',
    summary: 'What each runtime reports about its Asterisk server (stale after 10 s without a report)',
    tag: 'runtime',
    access: 'viewer',
    responses: { 200: runtimeStatusResponseSchema },
    success: 200,
  }),
  runtimeEvents: defineEndpoint({
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
        cursor: intIdCursor
          .schema(RUNTIME_EVENT_CURSOR_TAG)
          .optional()
          .describe('`nextCursor` of the previous page'),
        limit: limitSchema,
      })
      .superRefine(checkRange),
    responses: { 200: runtimeEventListResponseSchema },
    success: 200,
  }),
};
