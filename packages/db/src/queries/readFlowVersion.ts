import { z } from 'zod';
import type { DirectSql } from '../DirectSql.ts';

const versionById = 'SELECT "id", "flowId", "number", "document" FROM "FlowVersion" WHERE "id" = ?';
const versionRows = z.array(
  z.object({ id: z.string(), flowId: z.string(), number: z.coerce.number().int(), document: z.string() }),
);

/** A flow version as the runtime loads it: `document` is the JSON text, not yet parsed or validated. */
export type FlowVersionRow = z.infer<typeof versionRows>[number];

/** The version with this id, or undefined when there is none. Versions are immutable: read once each. */
export async function readFlowVersion(
  sql: DirectSql,
  versionId: string,
): Promise<FlowVersionRow | undefined> {
  const [row] = versionRows.parse(await sql.query({ sql: versionById, params: [versionId] }));
  return row;
}
