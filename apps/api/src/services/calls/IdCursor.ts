/**
 * Where a poller stands in a table with an autoincrement id. On PostgreSQL, ids come from a sequence
 * and concurrent transactions may commit out of order: id 11 can be visible before id 10. So ids
 * skipped over are remembered as gaps and asked for again for `graceMs` (a gap that stays empty is a
 * rolled-back insert), at most `maxGaps` of them.
 */
export class IdCursor {
  #last: number;
  /** Skipped id → when it was noticed (ms); insertion order is oldest first. */
  readonly #gaps = new Map<number, number>();

  constructor(
    last: number,
    private readonly graceMs: number,
    private readonly maxGaps = 1000,
  ) {
    this.#last = last;
  }

  get last(): number {
    return this.#last;
  }

  /** Ids still awaited below `last`. */
  get gaps(): number[] {
    return [...this.#gaps.keys()];
  }

  /** Takes note of rows read (any order), and forgets gaps older than the grace period. */
  advance(ids: readonly number[], now: number): void {
    for (const id of [...ids].sort((a, b) => a - b)) {
      if (this.#gaps.delete(id) || id <= this.#last) continue;
      for (let gap = Math.max(this.#last + 1, id - this.maxGaps); gap < id; gap++) this.#gaps.set(gap, now);
      this.#last = id;
    }
    for (const [gap, noticedAt] of this.#gaps) {
      if (now - noticedAt < this.graceMs && this.#gaps.size <= this.maxGaps) break;
      this.#gaps.delete(gap);
    }
  }
}
