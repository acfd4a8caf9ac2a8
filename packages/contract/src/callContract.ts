import { z } from 'zod';

/** How a call ended, as the runtime records it. */
export const callOutcomes = [
  'completed',
  'caller_hangup',
  'step_limit',
  'time_limit',
  'error',
  'lost',
  'rejected',
] as const;
export type CallOutcome = (typeof callOutcomes)[number];

const instant = z.string().describe('ISO 8601 date-time (UTC)');

export const callSchema = z.object({
  id: z.string(),
  channelId: z.string(),
  asteriskServer: z.string(),
  appName: z.string(),
  extension: z.string(),
  flowId: z.string().nullable(),
  /** Null when no flow matched or the flow has been deleted since. */
  flowName: z.string().nullable(),
  flowVersionId: z.string().nullable(),
  flowVersionNumber: z.number().int().nullable(),
  callerNumber: z.string(),
  callerName: z.string(),
  startedAt: instant,
  endedAt: instant.nullable(),
  /** endedAt − startedAt in ms; null while the call is live. */
  durationMs: z.number().int().nullable(),
  /** True while the call has not ended (endedAt is null). */
  live: z.boolean(),
  outcome: z
    .string()
    .nullable()
    .describe(`${callOutcomes.join(' | ')}; null while live`),
  hangupCause: z.string().nullable(),
  stepCount: z.number().int(),
  error: z.string().nullable(),
  currentNodeId: z
    .string()
    .nullable()
    .describe(
      'The node a live call is in now (the runtime writes it with its next call log batch, ~100 ms); null before the first node and once the call has ended',
    ),
  currentNodeSince: instant
    .nullable()
    .describe('When the call entered `currentNodeId` (ISO 8601, UTC); null with it'),
});
export type CallItem = z.output<typeof callSchema>;

export const stepSchema = z.object({
  id: z.number().int(),
  callId: z.string(),
  seq: z.number().int(),
  nodeId: z.string(),
  kind: z.string(),
  enteredAt: instant,
  leftAt: instant.nullable(),
  /** leftAt − enteredAt in ms; null when the step has not been left. */
  durationMs: z.number().int().nullable(),
  port: z.string().nullable(),
  /** Variables changed in this step, e.g. `{ "vars.recording": "callflow/abc" }`. */
  variables: z.record(z.string(), z.string()),
  error: z.string().nullable(),
});
export type StepItem = z.output<typeof stepSchema>;

/** GET /calls: newest first; `nextCursor` goes into the next request's `cursor` (null on the last page). */
export const callListResponseSchema = z.object({
  items: z.array(callSchema),
  nextCursor: z.string().nullable(),
});
export type CallListResponse = z.output<typeof callListResponseSchema>;

/** GET /calls/:callId: the call with its step timeline, ordered by `seq`. */
export const callDetailSchema = callSchema.extend({ steps: z.array(stepSchema) });
export type CallDetail = z.output<typeof callDetailSchema>;
