import { Counter } from './Counter.ts';
import { Gauge } from './Gauge.ts';
import { Histogram } from './Histogram.ts';
import { MetricFamily, type MetricSeries } from './MetricFamily.ts';

/** The content type of the text exposition format this registry writes. */
export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/**
 * The metric families of one process and how to print them. Values that are cheaper to read than to
 * track (calls in progress, buffered rows) are set by collectors run just before each scrape.
 */
export class MetricsRegistry {
  readonly #families = new Map<string, { render(out: string[]): void }>();
  readonly #collectors = new Set<() => void>();

  counter(name: string, help: string, labelNames: readonly string[] = []): MetricFamily<Counter> {
    return this.#add(new MetricFamily(name, help, 'counter', labelNames, () => new Counter()));
  }

  gauge(name: string, help: string, labelNames: readonly string[] = []): MetricFamily<Gauge> {
    return this.#add(new MetricFamily(name, help, 'gauge', labelNames, () => new Gauge()));
  }

  /** `buckets`: strictly increasing upper bounds, in the metric's unit; +Inf is added. */
  histogram(
    name: string,
    help: string,
    buckets: readonly number[],
    labelNames: readonly string[] = [],
  ): MetricFamily<Histogram> {
    // Checked once here rather than on the first labelled series.
    new Histogram(buckets);
    return this.#add(new MetricFamily(name, help, 'histogram', labelNames, () => new Histogram(buckets)));
  }

  /** Runs before every scrape; returns an unsubscribe. */
  onCollect(collector: () => void): () => void {
    this.#collectors.add(collector);
    return () => this.#collectors.delete(collector);
  }

  /** Every family in the text exposition format 0.0.4, ending with a line feed. */
  render(): string {
    for (const collector of this.#collectors) {
      try {
        collector();
      } catch {
        // A failing source leaves its gauges at their last value; the rest of the scrape still counts.
      }
    }
    const out: string[] = [];
    for (const family of this.#families.values()) family.render(out);
    out.push('');
    return out.join('\n');
  }

  #add<S extends MetricSeries>(family: MetricFamily<S>): MetricFamily<S> {
    if (this.#families.has(family.name)) throw new Error(`metric '${family.name}' is registered twice`);
    this.#families.set(family.name, family);
    return family;
  }
}
