import { setTimeout as sleep } from 'node:timers/promises';
import type { AriClient } from './AriClient.ts';

export interface AriReconnectProbeOptions {
  /** REST client of the server the waiting connections belong to (same credentials). */
  client: Pick<AriClient, 'asterisk'>;
  /** True while some connection waits out its backoff; the probe goes to sleep when none does. */
  waiting: () => boolean;
  /** Asterisk answered: have the waiting connections try now. */
  onAnswer: () => void;
  /** Time between two probes; default 500 ms. */
  intervalMs?: number;
  /** Timeout of one probe; default 1 s. */
  timeoutMs?: number;
}

/**
 * Once Asterisk has been seen gone, asks it `GET /asterisk/ping` every `intervalMs` while any app
 * connection of that server is waiting to retry, and as soon as it answers has them all retry at once.
 *
 * Each connection's own backoff grows to 30 s so that a long outage does not turn into a request storm
 * per app; without this probe, a restarted Asterisk would then wait up to 30 s for its apps, and every
 * call in that time would be rejected. The probe costs one request per interval per server, however
 * many apps there are.
 */
export class AriReconnectProbe {
  readonly #options: AriReconnectProbeOptions;
  readonly #stop = new AbortController();
  #looping = false;
  #loop: Promise<void> = Promise.resolve();

  constructor(options: AriReconnectProbeOptions) {
    this.#options = options;
  }

  /** Starts probing unless it already is; call it whenever a connection starts waiting to retry. */
  wake(): void {
    if (this.#looping || this.#stop.signal.aborted) return;
    this.#looping = true;
    this.#loop = this.#run();
  }

  /** Ends probing for good. */
  async stop(): Promise<void> {
    this.#stop.abort();
    await this.#loop;
  }

  async #run(): Promise<void> {
    const { waiting, onAnswer } = this.#options;
    const signal = this.#stop.signal;
    try {
      while (!signal.aborted) {
        const slept = await sleep(this.#options.intervalMs ?? 500, true, { signal }).catch(() => false);
        if (!slept || !waiting()) break;
        if (await this.#answers()) onAnswer();
      }
    } finally {
      // Reached in the same turn as the last waiting() check, so a wake() cannot fall in between
      // and be lost.
      this.#looping = false;
    }
  }

  async #answers(): Promise<boolean> {
    try {
      await this.#options.client.asterisk.ping({
        signal: this.#stop.signal,
        timeoutMs: this.#options.timeoutMs ?? 1_000,
      });
      return true;
    } catch {
      // Still down (or refusing us): the connections report that themselves, once.
      return false;
    }
  }
}
