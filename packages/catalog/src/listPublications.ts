import type { PublicationListItem } from '@callflow/contract';
import type { Database } from '@callflow/db';
import { publicationOf, withFlow } from './publicationViews.ts';
import { runtimeApplied } from './runtimeApplied.ts';

/**
 * Every live extension with its flow and version, and `applied`: whether the runtimes report serving
 * that version (`unknown` when none reported in the last 10 s).
 */
export async function listPublications(db: Database, now: Date = new Date()): Promise<PublicationListItem[]> {
  const { prisma } = db;
  const rows = await prisma.publication.findMany({ include: withFlow, orderBy: { extension: 'asc' } });
  const applied = await runtimeApplied(prisma, now);
  return rows.map((row) => ({ ...publicationOf(row), applied: applied(row.extension, row.flowVersionId) }));
}
