import { formatSampleValue } from './escapeLabelValue.ts';

/**
 * One histogram time series. Counts are kept per bucket (not cumulative) so that an observation is
 * a short scan and one increment; the cumulative `le` counts are summed only when scraped.
 */
export class Histogram {
  readonly #bounds: readonly number[];
  /** Labels of the bucket bounds, spelled once. */
  readonly #le: readonly string[];
  /** One slot per bound plus the last one for +Inf. */
  readonly #counts: Float64Array;
  #sum = 0;
  #count = 0;

  /** `bounds`: strictly increasing upper bounds, without +Inf (always added). */
  constructor(bounds: readonly number[]) {
    for (let i = 1; i < bounds.length; i++) {
      const previous = bounds[i - 1] ?? Number.NEGATIVE_INFINITY;
      if (!((bounds[i] ?? Number.NaN) > previous))
        throw new Error(`histogram buckets must increase strictly: ${bounds.join(', ')}`);
    }
    if (bounds.some((bound) => !Number.isFinite(bound)))
      throw new Error('histogram buckets must be finite (+Inf is added by itself)');
    this.#bounds = bounds;
    this.#le = bounds.map(formatSampleValue);
    this.#counts = new Float64Array(bounds.length + 1);
  }

  observe(value: number): void {
    // A NaN would land in no bucket and poison the sum for good.
    if (Number.isNaN(value)) return;
    const bounds = this.#bounds;
    let slot = 0;
    while (slot < bounds.length && value > (bounds[slot] ?? 0)) slot++;
    this.#counts[slot] = (this.#counts[slot] ?? 0) + 1;
    this.#sum += value;
    this.#count++;
  }

  get count(): number {
    return this.#count;
  }

  get sum(): number {
    return this.#sum;
  }

  render(name: string, labels: string, out: string[]): void {
    const prefix = labels === '' ? '' : `${labels},`;
    const suffix = labels === '' ? '' : `{${labels}}`;
    let cumulative = 0;
    for (let slot = 0; slot < this.#counts.length; slot++) {
      cumulative += this.#counts[slot] ?? 0;
      const le = this.#le[slot] ?? '+Inf';
      out.push(`${name}_bucket{${prefix}le="${le}"} ${cumulative}`);
    }
    out.push(`${name}_sum${suffix} ${formatSampleValue(this.#sum)}`);
    out.push(`${name}_count${suffix} ${this.#count}`);
  }
}
