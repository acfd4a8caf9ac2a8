import type { Histogram } from './Histogram.ts';

/**
 * Measures, for one call, the runtime's own latency: from the moment the call can go on (an ARI event
 * it waited for arrived, an ARI response came back, a timer fired) until its next ARI request is sent.
 * Every such moment overwrites the mark, so waiting for the caller or for Asterisk is never counted:
 * the wait ends with one of these moments, and only the time after the last one is observed.
 * Allocates nothing per observation.
 */
export class StepLatencyProbe {
  #since = -1;

  constructor(private readonly histogram: Histogram) {}

  /** The call can go on as of `at` (performance.now() time; default now). */
  resumed(at: number = performance.now()): void {
    this.#since = at;
  }

  /** The call sends an ARI request: observe the time since it could go on, once. */
  requestSent(): void {
    if (this.#since < 0) return;
    this.histogram.observe((performance.now() - this.#since) / 1000);
    this.#since = -1;
  }
}
