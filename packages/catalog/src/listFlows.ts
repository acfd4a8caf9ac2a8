import type { FlowSummary } from '@callflow/contract';
import { type Database, Prisma } from '@callflow/db';
import { flowSummaries, flowSummaryColumns } from './flowViews.ts';

/** Where a page of the flow list starts: after this flow (by name, then id). */
export interface FlowListPosition {
  readonly name: string;
  readonly id: string;
}

/**
 * One page of flow ids and names by name (then id), after `after`, optionally only names containing
 * `search` in any case. Raw SQL because Prisma's `contains` passes `%` and `_` on to LIKE as
 * wildcards; `instr`/`strpos` find the text literally. Case folding is the database's `lower()`:
 * every letter on PostgreSQL (per its locale), ASCII letters only on SQLite.
 */
async function pageOfFlows(
  db: Database,
  page: { search: string; after: FlowListPosition | null; take: number },
): Promise<{ id: string; name: string }[]> {
  const conditions: Prisma.Sql[] = [];
  if (page.search !== '') {
    conditions.push(
      db.engine === 'postgresql'
        ? Prisma.sql`strpos(lower("name"), lower(${page.search})) > 0`
        : Prisma.sql`instr(lower("name"), lower(${page.search})) > 0`,
    );
  }
  if (page.after !== null) {
    const { name, id } = page.after;
    conditions.push(Prisma.sql`("name" > ${name} OR ("name" = ${name} AND "id" > ${id}))`);
  }
  const where =
    conditions.length === 0 ? Prisma.empty : Prisma.sql`WHERE ${Prisma.join(conditions, ' AND ')}`;
  return db.prisma.$queryRaw<{ id: string; name: string }[]>`
    SELECT "id", "name" FROM "Flow" ${where} ORDER BY "name" ASC, "id" ASC LIMIT ${page.take}`;
}

/**
 * A page of flow summaries and, when there are more, the position the next page starts after. A
 * flow deleted between the two queries is left out; the position still marks where the page ended.
 */
export async function listFlows(
  db: Database,
  page: { search: string; after: FlowListPosition | null; limit: number },
): Promise<{ flows: FlowSummary[]; next: FlowListPosition | null }> {
  const found = await pageOfFlows(db, { search: page.search, after: page.after, take: page.limit + 1 });
  const onPage = found.slice(0, page.limit);
  const rows = await db.prisma.flow.findMany({
    where: { id: { in: onPage.map((row) => row.id) } },
    select: flowSummaryColumns,
  });
  const byId = new Map(rows.map((row) => [row.id, row]));
  const last = onPage.at(-1);
  return {
    flows: await flowSummaries(
      db.prisma,
      onPage.flatMap((row) => byId.get(row.id) ?? []),
    ),
    next: found.length > page.limit && last !== undefined ? { name: last.name, id: last.id } : null,
  };
}
