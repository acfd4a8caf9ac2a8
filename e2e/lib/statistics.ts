// The one definition of a quantile (and so of a median) the e2e benchmarks print.
//
// Nearest rank: the q-quantile of n values is the ceil(q·n)-th smallest, always one of the measured
// values (the median of 1, 2, 3, 4 is 2, not 2.5). It is what most load tools print (wrk, k6,
// sipp's own statistics, HdrHistogram), and a "p99" of the runtime can be put next to the same
// program's raw observations without wondering whether a value in the report was ever measured.

/** Nearest-rank q-quantile (0 ≤ q ≤ 1) of the finite values; undefined when there are none. */
export function quantile(values: readonly number[], q: number): number | undefined {
  if (!(q >= 0 && q <= 1)) throw new Error(`a quantile is between 0 and 1, not ${q}`);
  const sorted = values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
  if (sorted.length === 0) return undefined;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** The nearest-rank median: the lower of the two middle values when there is an even number. */
export function median(values: readonly number[]): number | undefined {
  return quantile(values, 0.5);
}
