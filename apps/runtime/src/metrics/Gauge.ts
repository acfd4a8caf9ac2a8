import { formatSampleValue } from './escapeLabelValue.ts';

/** One gauge time series (one combination of label values). */
export class Gauge {
  #value = 0;

  set(value: number): void {
    this.#value = value;
  }

  inc(amount = 1): void {
    this.#value += amount;
  }

  dec(amount = 1): void {
    this.#value -= amount;
  }

  get value(): number {
    return this.#value;
  }

  render(name: string, labels: string, out: string[]): void {
    out.push(`${name}${labels === '' ? '' : `{${labels}}`} ${formatSampleValue(this.#value)}`);
  }
}
