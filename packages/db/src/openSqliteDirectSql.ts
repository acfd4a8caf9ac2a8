import BetterSqlite3 from 'better-sqlite3';
import type { DirectSql, SqlStatement, SqlValue } from './DirectSql.ts';

/** The text Prisma's SQLite adapter stores for a DateTime: ISO 8601 with an explicit UTC offset. */
const sqliteTimestamp = (date: Date): string => date.toISOString().replace('Z', '+00:00');

const bound = (params: readonly SqlValue[]) =>
  params.map((value) => (value instanceof Date ? sqliteTimestamp(value) : value));

/**
 * A second connection to the SQLite file (WAL lets it write beside Prisma's). Transactions are
 * synchronous and `BEGIN IMMEDIATE`, so one never waits half-done for a lock while the event loop
 * runs something else on this connection. `synchronous = NORMAL`, SQLite's advice for WAL: a commit
 * survives the process dying (kill -9 included) but not a power cut of the machine, and no longer
 * waits for an fsync of the log, which blocked the runtime's event loop at every call log batch.
 */
export function openSqliteDirectSql(path: string, busyTimeoutMs: number): DirectSql {
  const connection = new BetterSqlite3(path, { timeout: busyTimeoutMs });
  // Remembered by the file; set here too for a process that opens no Prisma client (the runtime).
  connection.pragma('journal_mode = WAL');
  connection.pragma('foreign_keys = ON');
  connection.pragma('synchronous = NORMAL');
  const prepared = new Map<string, BetterSqlite3.Statement>();
  const statement = (sql: string) => {
    let found = prepared.get(sql);
    if (found === undefined) {
      found = connection.prepare(sql);
      prepared.set(sql, found);
    }
    return found;
  };
  const runAll = connection.transaction((statements: readonly SqlStatement[]) => {
    for (const { sql, params } of statements) statement(sql).run(bound(params));
  });
  return {
    transaction: async (statements) => {
      runAll.immediate(statements);
    },
    query: async ({ sql, params }) => statement(sql).all(bound(params)),
    execute: async ({ sql, params }) => statement(sql).run(bound(params)).changes,
    close: async () => {
      connection.close();
    },
  };
}
