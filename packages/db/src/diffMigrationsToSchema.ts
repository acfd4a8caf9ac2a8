import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prismaPaths } from './prismaPaths.ts';
import { redactDatabaseUrl } from './redactDatabaseUrl.ts';
import type { ResolvedDatabaseUrl } from './resolveDatabaseUrl.ts';
import { type PrismaCliResult, runPrismaCli } from './runPrismaCli.ts';

export interface MigrationDiff {
  /** True when the committed migrations do not produce the schema. */
  changed: boolean;
  /** The SQL that brings the migrated database to the schema (empty when unchanged). */
  sql: string;
}

/**
 * Compares what an engine's committed migrations produce with its Prisma schema, by applying them to
 * `scratch` (a database that may be written to), introspecting it, and diffing that with the schema.
 *
 * The usual `prisma migrate diff --from-migrations` cannot be used: on SQLite its shadow database
 * fails with the JavaScript schema engine (Prisma 6.19 runs each migration file as one prepared
 * statement, which better-sqlite3 refuses: "External error id#0", P3006).
 */
export async function diffMigrationsToSchema(scratch: ResolvedDatabaseUrl): Promise<MigrationDiff> {
  const paths = prismaPaths(scratch.engine);
  const dir = mkdtempSync(join(tmpdir(), 'callflow-introspect-'));
  try {
    check(await runPrismaCli(['migrate', 'deploy'], scratch), 'migrate deploy', scratch);
    const introspected = join(dir, 'schema.prisma');
    // The url is a placeholder (Prisma requires one); the connection comes from the adapter.
    const placeholder = scratch.engine === 'sqlite' ? 'file:unused.db' : 'postgresql://unused';
    const provider = scratch.engine === 'sqlite' ? 'sqlite' : 'postgresql';
    writeFileSync(
      introspected,
      `datasource db {\n  provider = "${provider}"\n  url      = "${placeholder}"\n}\n`,
    );
    check(await runPrismaCli(['db', 'pull', '--schema', introspected], scratch), 'db pull', scratch);
    const diff = await runPrismaCli(
      [
        'migrate',
        'diff',
        '--from-schema-datamodel',
        introspected,
        '--to-schema-datamodel',
        paths.schema,
        '--script',
        '--exit-code',
      ],
      scratch,
    );
    if (diff.code !== 0 && diff.code !== 2) check(diff, 'migrate diff', scratch);
    return { changed: diff.code === 2, sql: diff.code === 2 ? diff.stdout : '' };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function check(result: PrismaCliResult, command: string, database: ResolvedDatabaseUrl): void {
  if (result.code !== 0) {
    throw new Error(
      `prisma ${command} on ${redactDatabaseUrl(database.url)} exited with ${result.code}:\n${result.stdout}\n${result.stderr}`.trim(),
    );
  }
}
