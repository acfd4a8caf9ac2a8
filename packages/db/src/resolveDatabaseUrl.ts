import { isAbsolute, resolve } from 'node:path';
import { repoRoot } from './repoRoot.ts';

export type DatabaseEngine = 'sqlite' | 'postgresql';

export interface ResolvedDatabaseUrl {
  engine: DatabaseEngine;
  /** For SQLite always `file:<absolute path>`; for PostgreSQL the URL unchanged. */
  url: string;
}

/** Where the embedded SQLite database lives when DATABASE_URL is unset (relative to the repo root). */
export const DEFAULT_SQLITE_PATH = 'data/callflow.db';

/**
 * Decides the engine from a DATABASE_URL value (defaults to `process.env.DATABASE_URL`).
 * Unset or empty: SQLite at `<repo>/data/callflow.db`. `file:<path>`: SQLite, a relative path
 * being resolved against the repo root (not the working directory, which differs between the
 * CLI, the API and the tests). `postgres://` or `postgresql://`: PostgreSQL.
 */
export function resolveDatabaseUrl(raw: string | undefined = process.env.DATABASE_URL): ResolvedDatabaseUrl {
  const value = raw?.trim() ?? '';
  if (value === '') {
    return { engine: 'sqlite', url: `file:${resolve(repoRoot(), DEFAULT_SQLITE_PATH)}` };
  }
  if (/^postgres(ql)?:\/\//i.test(value)) {
    return { engine: 'postgresql', url: value };
  }
  if (value.startsWith('file:')) {
    let path = value.slice('file:'.length);
    // Accept the URL form file:///abs/path as well as Prisma's usual file:/abs and file:./rel.
    if (path.startsWith('//')) path = path.slice(2);
    if (path === '' || path.includes('?')) {
      throw new Error(
        `DATABASE_URL "${value}" is not a usable SQLite URL: expected file:<path> with no query parameters, e.g. file:./data/callflow.db`,
      );
    }
    return { engine: 'sqlite', url: `file:${isAbsolute(path) ? path : resolve(repoRoot(), path)}` };
  }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value)?.[1];
  throw new Error(
    `DATABASE_URL has an unsupported scheme${scheme ? ` "${scheme}:"` : ''}: accepted are file:<path> (SQLite, ` +
      `the default when unset) and postgres:// or postgresql:// (PostgreSQL)`,
  );
}
