import { formatSampleValue } from './escapeLabelValue.ts';

/** One counter time series (one combination of label values). */
export class Counter {
  #value = 0;

  inc(amount = 1): void {
    // A counter only goes up; a negative amount would make rate() see a reset.
    if (amount > 0) this.#value += amount;
  }

  /** For totals kept elsewhere and read at scrape time (the process's CPU time). */
  setTotal(total: number): void {
    if (total > this.#value) this.#value = total;
  }

  get value(): number {
    return this.#value;
  }

  render(name: string, labels: string, out: string[]): void {
    out.push(`${name}${labels === '' ? '' : `{${labels}}`} ${formatSampleValue(this.#value)}`);
  }
}
