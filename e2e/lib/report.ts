// How the benchmarks print their figures.

export const fmt = {
  ms: (value: number | undefined, digits = 2): string =>
    value === undefined ? '–' : `${value.toFixed(digits)} ms`,
  mb: (bytes: number | undefined): string =>
    bytes === undefined ? '–' : `${(bytes / 1048576).toFixed(1)} MB`,
  ratio: (value: number | undefined): string =>
    value === undefined || !Number.isFinite(value) ? '–' : `${value.toFixed(2)}×`,
};

/** Prints rows as an aligned Markdown table. */
export function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  console.log(line(header));
  console.log(`| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`);
  for (const row of rows) console.log(line(row));
}
