import { z } from 'zod';
import { type RuntimeEventType, runtimeEventTypes } from './runtimeEventTypes.ts';

/** What one runtime last reported about its Asterisk server. */
export const serverStatusSchema = z.object({
  asteriskServer: z.string(),
  /** Connected as last reported, and the report is fresh. */
  connected: z.boolean(),
  /** True when the runtime has not reported for more than 10 s (then `connected` is false). */
  stale: z.boolean(),
  asteriskVersion: z.string().nullable(),
  /** Stasis apps registered right now. */
  apps: z.array(z.string()),
  /** Extension → flow version id the runtime serves. */
  serving: z.record(z.string(), z.string()),
  startedAt: z.string(),
  updatedAt: z.string(),
});
export type ServerStatus = z.output<typeof serverStatusSchema>;

/** GET /runtime/status */
export const runtimeStatusResponseSchema = z.object({
  servers: z.array(serverStatusSchema),
  checkedAt: z.string(),
});
export type RuntimeStatusResponse = z.output<typeof runtimeStatusResponseSchema>;

export const runtimeEventLevels = ['info', 'warn', 'error'] as const;
export type RuntimeEventLevel = (typeof runtimeEventLevels)[number];

// Every event type the runtime writes (for a filter's choices): the runtime's own list, a module with
// no imports, which the browser loads like the rest of this contract.
export { type RuntimeEventType, runtimeEventTypes };

/** One entry of the runtime's lifecycle log (connections, apps, publications applied, errors). */
export const runtimeEventSchema = z.object({
  id: z.number().int(),
  at: z.string(),
  level: z.enum(runtimeEventLevels),
  /** A string rather than an enum: a newer runtime may write a type this API does not know yet. */
  type: z.string().describe(runtimeEventTypes.join(' | ')),
  message: z.string(),
  extension: z.string().nullable(),
  appName: z.string().nullable(),
  asteriskServer: z.string().nullable(),
});
export type RuntimeEvent = z.output<typeof runtimeEventSchema>;

/** GET /runtime/events: newest first; `nextCursor` goes into the next request's `cursor`. */
export const runtimeEventListResponseSchema = z.object({
  items: z.array(runtimeEventSchema),
  nextCursor: z.string().nullable(),
});
export type RuntimeEventListResponse = z.output<typeof runtimeEventListResponseSchema>;
