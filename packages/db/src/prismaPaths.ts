import { join } from 'node:path';
import { repoRoot } from './repoRoot.ts';
import type { DatabaseEngine } from './resolveDatabaseUrl.ts';

export interface PrismaPaths {
  /** The engine's Prisma schema file. */
  schema: string;
  /** The engine's committed migrations folder. */
  migrations: string;
}

/**
 * Absolute paths of an engine's schema and migrations. prisma/schema.prisma (SQLite) is the source of
 * truth; prisma/postgresql/schema.prisma is derived from it. Each has its own migrations, because
 * Prisma migrations are plain SQL in one dialect.
 */
export function prismaPaths(engine: DatabaseEngine): PrismaPaths {
  const dir = engine === 'sqlite' ? join(repoRoot(), 'prisma') : join(repoRoot(), 'prisma', 'postgresql');
  return { schema: join(dir, 'schema.prisma'), migrations: join(dir, 'migrations') };
}
