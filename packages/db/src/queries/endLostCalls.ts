import type { DirectSql } from '../DirectSql.ts';

const endUnfinishedCalls = `UPDATE "Call" SET "endedAt" = ?, "outcome" = 'lost', "error" = ?, "currentNodeId" = NULL,
  "currentNodeSince" = NULL WHERE "endedAt" IS NULL AND "asteriskServer" = ?`;

/**
 * Ends as lost every call a dead runtime left unfinished on `asteriskServer` (clearing its position,
 * like a call's end does). Resolves with how many calls it ended.
 */
export function endLostCalls(sql: DirectSql, asteriskServer: string, at: Date): Promise<number> {
  return sql.execute({
    sql: endUnfinishedCalls,
    params: [at, 'the runtime stopped while the call was in progress', asteriskServer],
  });
}
