import { z } from 'zod';
import type { DirectSql } from '../DirectSql.ts';

const allPublications = { sql: 'SELECT "extension", "flowVersionId" FROM "Publication"', params: [] };
const publicationRows = z.array(z.object({ extension: z.string(), flowVersionId: z.string() }));

/** One published extension and the flow version new calls to it get. */
export type PublicationRow = z.infer<typeof publicationRows>[number];

/**
 * Every publication: what the runtime's publication poll reads every 250 ms, so a fixed statement on
 * the direct connection (the table holds one small row per live extension).
 */
export async function readPublications(sql: DirectSql): Promise<PublicationRow[]> {
  return publicationRows.parse(await sql.query(allPublications));
}
