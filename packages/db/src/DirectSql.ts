/** A value bound to a `?` placeholder. Dates are stored the way Prisma stores them on each engine. */
export type SqlValue = string | number | null | Date;

export interface SqlStatement {
  /** Plain SQL with `?` placeholders, valid on SQLite and PostgreSQL (identifiers double-quoted). */
  readonly sql: string;
  readonly params: readonly SqlValue[];
}

/**
 * A connection of its own, beside Prisma's, for fixed statements run often (the call log's batches,
 * the publication poll): each is prepared once and reused, with none of Prisma's per-query
 * compilation. The runtime uses nothing else (openDirectDatabase); the API and the CLI use Prisma.
 * Errors are the driver's own (better-sqlite3's SqliteError, pg's DatabaseError);
 * isRefusedByDatabase tells a refusal from an outage.
 */
export interface DirectSql {
  /** Runs the statements in order, in one transaction: all are applied or none. */
  transaction(statements: readonly SqlStatement[]): Promise<void>;
  /** Rows as plain objects keyed by column name: parse them before use. */
  query(statement: SqlStatement): Promise<unknown[]>;
  /** Runs one statement on its own; resolves with the number of rows it inserted, updated or deleted. */
  execute(statement: SqlStatement): Promise<number>;
  close(): Promise<void>;
}
