import { escapeHelp, escapeLabelValue } from './escapeLabelValue.ts';

export type MetricType = 'counter' | 'gauge' | 'histogram';

/** What a family's time series can do: print its samples. */
export interface MetricSeries {
  render(name: string, labels: string, out: string[]): void;
}

interface LabelNode<S> {
  series: S | undefined;
  readonly next: Map<string, LabelNode<S>>;
}

const metricName = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const labelName = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** At most this many labels: `labels(a, b, c)` has a fixed arity so that a lookup allocates nothing. */
export const MAX_LABELS = 3;

/**
 * A metric name with its HELP, TYPE and one time series per combination of label values. Series are
 * found through one map per label value, so on the hot path `labels('play').inc()` is a map lookup
 * and an addition; a series is created once, the first time its values are seen.
 */
export class MetricFamily<S extends MetricSeries> {
  readonly #root: LabelNode<S> = { series: undefined, next: new Map() };
  readonly #all: { labels: string; series: S }[] = [];

  constructor(
    readonly name: string,
    readonly help: string,
    readonly type: MetricType,
    readonly labelNames: readonly string[],
    private readonly createSeries: () => S,
  ) {
    if (!metricName.test(name)) throw new Error(`invalid metric name '${name}'`);
    if (labelNames.length > MAX_LABELS)
      throw new Error(`metric '${name}' has more than ${MAX_LABELS} labels`);
    for (const label of labelNames) {
      if (!labelName.test(label) || label.startsWith('__'))
        throw new Error(`metric '${name}' has an invalid label name '${label}'`);
      if (type === 'histogram' && label === 'le')
        throw new Error(`histogram '${name}' cannot have a label named 'le'`);
    }
    if (new Set(labelNames).size !== labelNames.length)
      throw new Error(`metric '${name}' repeats a label name`);
    if (labelNames.length === 0) this.labels();
  }

  /** The series for these label values, in the order of `labelNames`. */
  labels(a?: string, b?: string, c?: string): S {
    const given = c !== undefined ? 3 : b !== undefined ? 2 : a !== undefined ? 1 : 0;
    if (given !== this.labelNames.length)
      throw new Error(`metric '${this.name}' takes ${this.labelNames.length} label values, got ${given}`);
    let node = this.#root;
    if (a !== undefined) node = this.#step(node, a);
    if (b !== undefined) node = this.#step(node, b);
    if (c !== undefined) node = this.#step(node, c);
    if (node.series === undefined) {
      const values = [a, b, c].slice(0, given);
      const labels = this.labelNames
        .map((label, index) => `${label}="${escapeLabelValue(values[index] ?? '')}"`)
        .join(',');
      node.series = this.createSeries();
      this.#all.push({ labels, series: node.series });
    }
    return node.series;
  }

  render(out: string[]): void {
    out.push(`# HELP ${this.name} ${escapeHelp(this.help)}`);
    out.push(`# TYPE ${this.name} ${this.type}`);
    for (const { labels, series } of this.#all) series.render(this.name, labels, out);
  }

  #step(node: LabelNode<S>, value: string): LabelNode<S> {
    let next = node.next.get(value);
    if (next === undefined) {
      next = { series: undefined, next: new Map() };
      node.next.set(value, next);
    }
    return next;
  }
}
