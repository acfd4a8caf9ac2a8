import { createHash } from 'node:crypto';
import pg from 'pg';
import type { DirectSql, SqlStatement, SqlValue } from './DirectSql.ts';

interface PreparedText {
  /** Names the server-side prepared statement, so each connection parses the SQL once. */
  name: string;
  text: string;
}

// A timestamp(3) column ignores the zone of its input: the UTC text stores UTC, as Prisma does.
const bound = (params: readonly SqlValue[]) =>
  params.map((value) => (value instanceof Date ? value.toISOString() : value));

/** A small pool of its own (Prisma keeps its own), for the runtime's hot paths. */
export function openPostgresDirectSql(url: string): DirectSql {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  // An idle connection dropped by the server must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  const texts = new Map<string, PreparedText>();
  const prepared = (sql: string): PreparedText => {
    let found = texts.get(sql);
    if (found === undefined) {
      let index = 0;
      const text = sql.replaceAll('?', () => `$${++index}`);
      found = { name: `callflow_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`, text };
      texts.set(sql, found);
    }
    return found;
  };
  const run = (client: pg.PoolClient | pg.Pool, { sql, params }: SqlStatement) =>
    client.query({ ...prepared(sql), values: bound(params) });
  return {
    transaction: async (statements) => {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        for (const statement of statements) await run(client, statement);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch((rollbackError: Error) => {
          // The connection itself failed: do not hand it back to the pool.
          broken = rollbackError;
        });
        throw error;
      } finally {
        client.release(broken);
      }
    },
    query: async (statement) => (await run(pool, statement)).rows,
    execute: async (statement) => (await run(pool, statement)).rowCount ?? 0,
    close: () => pool.end(),
  };
}
