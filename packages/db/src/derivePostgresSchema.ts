/**
 * The header of the derived file, so that a reader knows not to edit it.
 */
export const DERIVED_SCHEMA_HEADER =
  '// GENERATED from prisma/schema.prisma by `npm run -w @callflow/db schema:derive`: do not edit.\n' +
  '// `npm run -w @callflow/db schema:check` (and the db tests) fail when it drifts from the source.\n';

/** Each rewrite must apply exactly once, so a change to the source that defeats it is loud. */
const rewrites: ReadonlyArray<{ what: string; from: RegExp; to: string }> = [
  {
    what: 'the datasource provider',
    from: /^(\s*provider\s*=\s*)"sqlite"/m,
    to: '$1"postgresql"',
  },
  {
    // Prisma 6 requires a url in the schema although the driver adapter decides the connection.
    what: 'the placeholder datasource url',
    from: /^(\s*url\s*=\s*)"file:unused\.db"/m,
    to: '$1"postgresql://unused"',
  },
  {
    // The derived schema sits one folder deeper (prisma/postgresql/), and generates its own client.
    what: 'the generator output',
    from: /^(\s*output\s*=\s*)"\.\.\/packages\/db\/src\/generated\/sqlite"/m,
    to: '$1"../../packages/db/src/generated/postgresql"',
  },
];

/**
 * Derives prisma/postgresql/schema.prisma from the SQLite schema, the single source of truth for the
 * models. Only the datasource and the generator differ: the models are copied verbatim, so both
 * generated clients have the same model API.
 */
export function derivePostgresSchema(sqliteSchema: string): string {
  let schema = sqliteSchema;
  for (const { what, from, to } of rewrites) {
    const global = new RegExp(from.source, `${from.flags}g`);
    const count = schema.match(global)?.length ?? 0;
    if (count !== 1) {
      throw new Error(
        `Cannot derive the PostgreSQL schema: expected ${what} to match ${from} exactly once in prisma/schema.prisma, found ${count}`,
      );
    }
    schema = schema.replace(from, to);
  }
  return DERIVED_SCHEMA_HEADER + schema;
}
