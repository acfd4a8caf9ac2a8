// Reads the Prometheus text format the runtime serves: samples by metric name, sums, and histograms
// (buckets, the difference between two scrapes, quantiles as PromQL's histogram_quantile gives them).

export interface Sample {
  labels: Record<string, string>;
  value: number;
}

/** Parses the Prometheus text format into samples by metric name (enough for the runtime's own output). */
export function parsePrometheus(text: string): Map<string, Sample[]> {
  const out = new Map<string, Sample[]>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)/.exec(line);
    if (match === null) continue;
    const [, name = '', labelText = '', value = ''] = match;
    const labels: Record<string, string> = {};
    for (const label of labelText.matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g))
      labels[label[1] ?? ''] = label[2] ?? '';
    const list = out.get(name) ?? [];
    list.push({ labels, value: value === '+Inf' ? Number.POSITIVE_INFINITY : Number(value) });
    out.set(name, list);
  }
  return out;
}

export async function scrape(url: string): Promise<Map<string, Sample[]>> {
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`GET ${url}: HTTP ${response.status}`);
  return parsePrometheus(await response.text());
}

/** Sum of a metric's samples whose labels include `match`. */
export function metricSum(
  metrics: Map<string, Sample[]>,
  name: string,
  match: Record<string, string> = {},
): number {
  return (metrics.get(name) ?? [])
    .filter((s) => Object.entries(match).every(([k, v]) => s.labels[k] === v))
    .reduce((sum, s) => sum + s.value, 0);
}

/** Cumulative bucket counts of a histogram, by upper bound (ascending, +Inf last). */
export function histogramBuckets(
  metrics: Map<string, Sample[]>,
  name: string,
): { le: number; count: number }[] {
  return (metrics.get(`${name}_bucket`) ?? [])
    .map((s) => ({
      le: s.labels.le === '+Inf' ? Number.POSITIVE_INFINITY : Number(s.labels.le),
      count: s.value,
    }))
    .sort((a, b) => a.le - b.le);
}

/** after − before, bucket by bucket: the observations made between two scrapes. */
export function bucketDelta(
  before: { le: number; count: number }[],
  after: { le: number; count: number }[],
): { le: number; count: number }[] {
  return after.map((b) => ({ le: b.le, count: b.count - (before.find((x) => x.le === b.le)?.count ?? 0) }));
}

/**
 * Like PromQL's histogram_quantile: linear interpolation inside the bucket that holds the quantile.
 * `aboveLast` when it falls in the +Inf bucket (the answer is then only "more than the last bound").
 */
export function histogramQuantile(
  buckets: { le: number; count: number }[],
  q: number,
): { value: number; aboveLast: boolean } | undefined {
  const total = buckets.at(-1)?.count ?? 0;
  if (total === 0) return undefined;
  const rank = q * total;
  let lowerBound = 0;
  let lowerCount = 0;
  for (const bucket of buckets) {
    if (bucket.count >= rank) {
      if (!Number.isFinite(bucket.le)) return { value: lowerBound, aboveLast: true };
      const inBucket = bucket.count - lowerCount;
      const fraction = inBucket === 0 ? 1 : (rank - lowerCount) / inBucket;
      return { value: lowerBound + (bucket.le - lowerBound) * fraction, aboveLast: false };
    }
    lowerBound = bucket.le;
    lowerCount = bucket.count;
  }
  return undefined;
}

/** The upper bound of the highest non-empty bucket: what the histogram alone can say about the max. */
export function histogramMaxBound(buckets: { le: number; count: number }[]): number | undefined {
  let previous = 0;
  let bound: number | undefined;
  for (const bucket of buckets) {
    if (bucket.count > previous) bound = bucket.le;
    previous = bucket.count;
  }
  return bound;
}
