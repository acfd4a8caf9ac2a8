// Usage: node --import tsx scripts/schema.ts derive|check
//   derive: (re)writes prisma/postgresql/schema.prisma from prisma/schema.prisma
//   check:  exits 1 when prisma/postgresql/schema.prisma is not what derive would write
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { derivePostgresSchema } from '../src/derivePostgresSchema.ts';
import { prismaPaths } from '../src/prismaPaths.ts';

const command = process.argv[2];
const source = prismaPaths('sqlite').schema;
const target = prismaPaths('postgresql').schema;
const expected = derivePostgresSchema(readFileSync(source, 'utf8'));

if (command === 'derive') {
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, expected);
  console.log(`Wrote ${target}`);
} else if (command === 'check') {
  let actual = '';
  try {
    actual = readFileSync(target, 'utf8');
  } catch {
    // A missing file is drift too.
  }
  if (actual !== expected) {
    console.error(`${target} is out of date with ${source}: run \`npm run -w @callflow/db schema:derive\``);
    process.exit(1);
  }
  console.log('PostgreSQL schema is in sync with prisma/schema.prisma');
} else {
  console.error('Usage: schema.ts derive|check');
  process.exit(2);
}
