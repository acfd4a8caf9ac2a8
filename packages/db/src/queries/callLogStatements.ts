import type { SqlStatement, SqlValue } from '../DirectSql.ts';

/** A call the runtime has just taken (model Call). */
export interface CallStarted {
  id: string;
  channelId: string;
  asteriskServer: string;
  appName: string;
  extension: string;
  flowId: string | null;
  flowVersionId: string | null;
  callerNumber: string;
  callerName: string;
  startedAt: Date;
}

/** One node a call went through, written when the call leaves it (model CallStep). */
export interface StepRecorded {
  callId: string;
  seq: number;
  nodeId: string;
  kind: string;
  enteredAt: Date;
  leftAt: Date;
  port: string | null;
  /** The variables the step changed; stored as a JSON object, or null when there are none. */
  variables: Record<string, string>;
  error: string | null;
}

/** The call has just entered a node: where a live call is now. */
export interface NodeEntered {
  callId: string;
  nodeId: string;
  at: Date;
}

/** How a call ended, as the runtime records it. */
export type CallOutcome =
  | 'completed'
  | 'caller_hangup'
  | 'step_limit'
  | 'time_limit'
  | 'error'
  | 'lost'
  | 'rejected';

export interface CallEnded {
  callId: string;
  endedAt: Date;
  outcome: CallOutcome;
  hangupCause: string | null;
  stepCount: number;
  error: string | null;
}

/** One line of the runtime event log (model RuntimeEvent). */
export interface RuntimeEventRow {
  at: Date;
  level: 'info' | 'warn' | 'error';
  type: string;
  message: string;
  extension?: string;
  appName?: string;
  asteriskServer?: string;
}

/** PostgreSQL refuses NUL characters in text, and a caller can put one in a variable. */
const withoutNul = (text: string): string => (text.includes('\u0000') ? text.replaceAll('\u0000', '') : text);

function statement(sql: string, params: SqlValue[]): SqlStatement {
  return { sql, params: params.map((value) => (typeof value === 'string' ? withoutNul(value) : value)) };
}

function variablesJson(variables: Record<string, string>): string | null {
  const entries = Object.entries(variables);
  if (entries.length === 0) return null;
  return JSON.stringify(
    Object.fromEntries(entries.map(([name, value]) => [withoutNul(name), withoutNul(value)])),
  );
}

/**
 * The call log's writes as plain SQL for DirectSql: one fixed text per kind of entry, so each is
 * prepared once per connection, and statements rather than functions, so that the runtime's call log
 * writer can run a whole batch of them in one transaction (or one by one when the database refuses
 * one). Column names are the Prisma schema's (both engines share them).
 */
export const callLogStatements = {
  callStarted: (call: CallStarted): SqlStatement =>
    statement(
      `INSERT INTO "Call" ("id", "channelId", "asteriskServer", "appName", "extension", "flowId",
      "flowVersionId", "callerNumber", "callerName", "startedAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        call.id,
        call.channelId,
        call.asteriskServer,
        call.appName,
        call.extension,
        call.flowId,
        call.flowVersionId,
        call.callerNumber,
        call.callerName,
        call.startedAt,
      ],
    ),

  stepRecorded: (step: StepRecorded): SqlStatement =>
    statement(
      `INSERT INTO "CallStep" ("callId", "seq", "nodeId", "kind", "enteredAt", "leftAt", "port",
      "variables", "error") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        step.callId,
        step.seq,
        step.nodeId,
        step.kind,
        step.enteredAt,
        step.leftAt,
        step.port,
        variablesJson(step.variables),
        step.error,
      ],
    ),

  /**
   * Only while the call has not ended, whatever order entries reach the database in (e.g. a batch
   * retried after its commit's answer was lost): an ended call must never show a node again.
   */
  nodeEntered: ({ callId, nodeId, at }: NodeEntered): SqlStatement =>
    statement(
      `UPDATE "Call" SET "currentNodeId" = ?, "currentNodeSince" = ? WHERE "id" = ? AND "endedAt" IS NULL`,
      [nodeId, at, callId],
    ),

  /** Also clears the position. */
  callEnded: (end: CallEnded): SqlStatement =>
    statement(
      `UPDATE "Call" SET "endedAt" = ?, "outcome" = ?, "hangupCause" = ?, "stepCount" = ?, "error" = ?,
      "currentNodeId" = NULL, "currentNodeSince" = NULL WHERE "id" = ?`,
      [end.endedAt, end.outcome, end.hangupCause, end.stepCount, end.error, end.callId],
    ),

  runtimeEvent: (event: RuntimeEventRow): SqlStatement =>
    statement(
      `INSERT INTO "RuntimeEvent" ("at", "level", "type", "message", "extension", "appName",
      "asteriskServer") VALUES (?, ?, ?, ?, ?, ?, ?)`,
      [
        event.at,
        event.level,
        event.type,
        event.message,
        event.extension ?? null,
        event.appName ?? null,
        event.asteriskServer ?? null,
      ],
    ),
};
