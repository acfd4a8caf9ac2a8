import type { Logger } from '../log/Logger.ts';

/**
 * What a call created in Asterisk and must not outlive it (playbacks, outbound legs, bridges). Each
 * operation registers its undo under a key; when the operation ends normally it runs or removes it
 * itself, and when the caller hangs up mid-operation the session runs whatever is left.
 */
export class CallCleanup {
  readonly #tasks = new Map<string, () => Promise<unknown>>();

  constructor(private readonly logger: Logger) {}

  add(key: string, undo: () => Promise<unknown>): void {
    this.#tasks.set(key, undo);
  }

  remove(key: string): void {
    this.#tasks.delete(key);
  }

  /** Runs one undo now (when the operation ends normally) and forgets it; unknown keys are ignored. */
  async run(key: string): Promise<void> {
    const undo = this.#tasks.get(key);
    this.#tasks.delete(key);
    if (undo !== undefined) await this.#attempt(key, undo);
  }

  get pending(): string[] {
    return [...this.#tasks.keys()];
  }

  /** Runs every remaining undo, newest first; failures are logged, never thrown. */
  async runAll(): Promise<void> {
    const tasks = [...this.#tasks.entries()].reverse();
    this.#tasks.clear();
    for (const [key, undo] of tasks) await this.#attempt(key, undo);
  }

  async #attempt(key: string, undo: () => Promise<unknown>): Promise<void> {
    try {
      await undo();
    } catch (error) {
      this.logger.warn('cleanup step failed', {
        resource: key,
        reason: error instanceof Error ? error.message : String(error),
      });
    }
  }
}
