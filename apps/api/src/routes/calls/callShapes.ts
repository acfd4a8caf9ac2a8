import type { Call, CallStep, PrismaClient } from '@callflow/db';
import { z } from 'zod';

export const callOutcomes = [
  'completed',
  'caller_hangup',
  'step_limit',
  'error',
  'lost',
  'rejected',
] as const;

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

const iso = (date: Date): string => date.toISOString();
const isoOrNull = (date: Date | null): string | null => (date === null ? null : date.toISOString());
const msBetween = (from: Date, to: Date | null): number | null =>
  to === null ? null : to.getTime() - from.getTime();

/**
 * The step's `variables` column is JSON text of an object of strings (written by the runtime).
 * Anything else (never written by the runtime) becomes `{}` rather than failing the whole timeline.
 */
export function parseVariables(text: string | null): Record<string, string> {
  if (text === null || text === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return {};
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return {};
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, typeof item === 'string' ? item : JSON.stringify(item)]),
  );
}

export function toStepItem(step: CallStep): StepItem {
  return {
    id: step.id,
    callId: step.callId,
    seq: step.seq,
    nodeId: step.nodeId,
    kind: step.kind,
    enteredAt: iso(step.enteredAt),
    leftAt: isoOrNull(step.leftAt),
    durationMs: msBetween(step.enteredAt, step.leftAt),
    port: step.port,
    variables: parseVariables(step.variables),
    error: step.error,
  };
}

/**
 * Call rows as API items, with the names of their flow and version number. Calls have no foreign
 * keys to flows (history outlives deleted flows), so the names are looked up in one query each and
 * are null when gone.
 */
export async function toCallItems(prisma: PrismaClient, calls: readonly Call[]): Promise<CallItem[]> {
  const flowIds = [...new Set(calls.flatMap((call) => (call.flowId === null ? [] : [call.flowId])))];
  const versionIds = [
    ...new Set(calls.flatMap((call) => (call.flowVersionId === null ? [] : [call.flowVersionId]))),
  ];
  const [flows, versions] = await Promise.all([
    flowIds.length === 0
      ? []
      : prisma.flow.findMany({ where: { id: { in: flowIds } }, select: { id: true, name: true } }),
    versionIds.length === 0
      ? []
      : prisma.flowVersion.findMany({
          where: { id: { in: versionIds } },
          select: { id: true, number: true },
        }),
  ]);
  const flowNames = new Map(flows.map((flow) => [flow.id, flow.name]));
  const versionNumbers = new Map(versions.map((version) => [version.id, version.number]));
  return calls.map((call) => ({
    id: call.id,
    channelId: call.channelId,
    asteriskServer: call.asteriskServer,
    appName: call.appName,
    extension: call.extension,
    flowId: call.flowId,
    flowName: call.flowId === null ? null : (flowNames.get(call.flowId) ?? null),
    flowVersionId: call.flowVersionId,
    flowVersionNumber: call.flowVersionId === null ? null : (versionNumbers.get(call.flowVersionId) ?? null),
    callerNumber: call.callerNumber,
    callerName: call.callerName,
    startedAt: iso(call.startedAt),
    endedAt: isoOrNull(call.endedAt),
    durationMs: msBetween(call.startedAt, call.endedAt),
    live: call.endedAt === null,
    outcome: call.outcome,
    hangupCause: call.hangupCause,
    stepCount: call.stepCount,
    error: call.error,
  }));
}
