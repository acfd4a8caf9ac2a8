// Usage: npm run -w @callflow/db generate   (also run before `test` and `typecheck`)
//
// Generates both Prisma clients into src/generated/<engine>/ (git-ignored), after checking that the
// PostgreSQL schema is in sync with prisma/schema.prisma. Skips an engine whose schema and Prisma
// version are unchanged since its last generation, and serialises concurrent runs (turbo starts
// `test` and `typecheck` at the same time) with a lock folder.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { derivePostgresSchema } from '../src/derivePostgresSchema.ts';
import { prismaPaths } from '../src/prismaPaths.ts';
import type { DatabaseEngine } from '../src/resolveDatabaseUrl.ts';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const generatedDir = join(packageDir, 'src', 'generated');
const require = createRequire(import.meta.url);
const prismaBin = require.resolve('prisma/build/index.js');
const prismaVersion = (require('prisma/package.json') as { version: string }).version;

const source = readFileSync(prismaPaths('sqlite').schema, 'utf8');
if (readFileSync(prismaPaths('postgresql').schema, 'utf8') !== derivePostgresSchema(source)) {
  console.error(
    'prisma/postgresql/schema.prisma is out of date: run `npm run -w @callflow/db schema:derive`',
  );
  process.exit(1);
}

const lock = join(generatedDir, '.lock');
const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

function withLock(work: () => void): void {
  mkdirSync(generatedDir, { recursive: true });
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock older than two minutes belongs to a run that died.
      try {
        if (Date.now() - statSync(lock).mtimeMs > 120_000) rmSync(lock, { recursive: true, force: true });
      } catch {
        // Released meanwhile.
      }
      sleep(200);
    }
  }
  try {
    work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function generate(engine: DatabaseEngine): void {
  const schema = prismaPaths(engine).schema;
  const stampFile = join(generatedDir, engine, '.callflow-stamp');
  const stamp = createHash('sha256').update(prismaVersion).update(readFileSync(schema)).digest('hex');
  let previous = '';
  try {
    previous = readFileSync(stampFile, 'utf8');
  } catch {
    // Never generated.
  }
  if (previous === stamp) return;
  try {
    execFileSync(
      process.execPath,
      [prismaBin, 'generate', '--schema', schema, '--config', join(packageDir, 'prisma.config.ts')],
      {
        stdio: 'pipe',
        encoding: 'utf8',
        // DATABASE_URL emptied: generating does not depend on which database is configured.
        env: { ...process.env, DATABASE_URL: '', CHECKPOINT_DISABLE: '1', PRISMA_HIDE_UPDATE_MESSAGE: '1' },
      },
    );
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`prisma generate failed for ${schema}:\n${stdout ?? ''}${stderr ?? ''}`);
  }
  writeFileSync(stampFile, stamp);
  console.log(`Generated the ${engine} Prisma client`);
}

withLock(() => {
  generate('sqlite');
  generate('postgresql');
});
