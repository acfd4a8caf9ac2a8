import type { DirectSql } from '@callflow/db';

/**
 * The same connection, except that its transactions fail with `error()` while it is set down (reads
 * still work): a database that refuses writes for a while, as in an outage or a lock held too long.
 */
export function writesFailingOnDemand(
  sql: DirectSql,
  error: () => Error,
): { sql: DirectSql; setDown(down: boolean): void } {
  let down = false;
  return {
    sql: {
      ...sql,
      transaction: (statements) => (down ? Promise.reject(error()) : sql.transaction(statements)),
    },
    setDown: (value) => {
      down = value;
    },
  };
}
