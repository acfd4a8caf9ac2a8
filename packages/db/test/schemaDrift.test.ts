import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { derivePostgresSchema } from '../src/derivePostgresSchema.ts';
import { prismaPaths } from '../src/prismaPaths.ts';

describe('PostgreSQL schema', () => {
  const source = readFileSync(prismaPaths('sqlite').schema, 'utf8');

  it('is exactly what derivePostgresSchema makes of prisma/schema.prisma (else: npm run -w @callflow/db schema:derive)', () => {
    expect(readFileSync(prismaPaths('postgresql').schema, 'utf8')).toBe(derivePostgresSchema(source));
  });

  it('differs from the source only in its header, datasource and generator output', () => {
    const derived = derivePostgresSchema(source);
    const models = (schema: string) => schema.slice(schema.indexOf('\nmodel '));
    expect(models(derived)).toBe(models(source));
    expect(derived).toContain('provider = "postgresql"');
    expect(derived).toContain('"../../packages/db/src/generated/postgresql"');
  });

  it('refuses to derive when the source no longer has what it rewrites', () => {
    expect(() => derivePostgresSchema(source.replace('"sqlite"', '"mysql"'))).toThrow(/datasource provider/);
  });
});
