import type { CallItem, StepItem } from '@callflow/contract';
import type { Call, CallStep, PrismaClient } from '@callflow/db';

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

/** Takes ARI addresses and credentials out of an error a runtime wrote (see AriServers.redact). */
export type Redact = (text: string | null) => string | null;

export function toStepItem(step: CallStep, redact: Redact): StepItem {
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
    error: redact(step.error),
  };
}

/**
 * Call rows as API items, with the names of their flow and version number. Calls have no foreign
 * keys to flows (history outlives deleted flows), so the names are looked up in one query each and
 * are null when gone.
 */
export async function toCallItems(
  prisma: PrismaClient,
  calls: readonly Call[],
  redact: Redact,
): Promise<CallItem[]> {
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
    error: redact(call.error),
    currentNodeId: call.currentNodeId,
    currentNodeSince: isoOrNull(call.currentNodeSince),
  }));
}
