import type { DirectSql } from '../DirectSql.ts';

/** One runtime's view of its Asterisk server, as the API reports it (model RuntimeStatus). */
export interface RuntimeStatusRow {
  /** The row's key: the server's name. */
  asteriskServer: string;
  connected: boolean;
  asteriskVersion: string | null;
  /** Stasis apps registered right now. */
  apps: readonly string[];
  /** Extension → flow version id new calls to it get. */
  serving: Readonly<Record<string, string>>;
  startedAt: Date;
  updatedAt: Date;
}

const upsertStatus = `INSERT INTO "RuntimeStatus" ("asteriskServer", "connected", "asteriskVersion", "apps",
  "serving", "startedAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT ("asteriskServer") DO UPDATE SET "connected" = excluded."connected",
  "asteriskVersion" = excluded."asteriskVersion", "apps" = excluded."apps", "serving" = excluded."serving",
  "startedAt" = excluded."startedAt", "updatedAt" = excluded."updatedAt"`;

/**
 * Creates or replaces the server's row. On the direct connection: written every heartbeat, where
 * Prisma's per-query work showed. A transaction of one statement, like the call log's batches.
 */
export async function writeRuntimeStatus(sql: DirectSql, status: RuntimeStatusRow): Promise<void> {
  await sql.transaction([
    {
      sql: upsertStatus,
      params: [
        status.asteriskServer,
        status.connected ? 1 : 0,
        status.asteriskVersion,
        JSON.stringify(status.apps),
        JSON.stringify(status.serving),
        status.startedAt,
        status.updatedAt,
      ],
    },
  ]);
}
