/**
 * Splits the `limit + 1` rows a query fetched into the page and the cursor of the next one (null on
 * the last page).
 */
export function splitPage<Row>(
  rows: readonly Row[],
  limit: number,
  cursorOf: (row: Row) => string,
): { rows: Row[]; nextCursor: string | null } {
  const pageRows = rows.slice(0, limit);
  const last = pageRows.at(-1);
  return { rows: pageRows, nextCursor: rows.length > limit && last !== undefined ? cursorOf(last) : null };
}
