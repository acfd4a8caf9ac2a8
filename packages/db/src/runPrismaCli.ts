import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { redactPassword } from './redactDatabaseUrl.ts';
import type { ResolvedDatabaseUrl } from './resolveDatabaseUrl.ts';

export interface PrismaCliResult {
  /** Process exit code (prisma migrate diff --exit-code uses 2 for "differences found"). */
  code: number;
  /** Output with the database password removed. */
  stdout: string;
  stderr: string;
}

const prismaBin = createRequire(import.meta.url).resolve('prisma/build/index.js');
const here = dirname(fileURLToPath(import.meta.url));
const configPath = join(here, '..', 'prisma.config.ts');
const preload = join(here, 'unrefLongTimers.cjs');

/**
 * Runs the Prisma CLI against one database with packages/db/prisma.config.ts, which picks the
 * engine's schema, migrations folder and driver adapter from DATABASE_URL.
 */
export function runPrismaCli(
  args: readonly string[],
  database: ResolvedDatabaseUrl,
): Promise<PrismaCliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--require', preload, prismaBin, ...args, '--config', configPath],
      {
        env: {
          ...process.env,
          DATABASE_URL: database.url,
          // No network: no update check, no telemetry.
          CHECKPOINT_DISABLE: '1',
          PRISMA_HIDE_UPDATE_MESSAGE: '1',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({
        code: code ?? 1,
        stdout: redactPassword(stdout, database.url),
        stderr: redactPassword(stderr, database.url),
      });
    });
  });
}
