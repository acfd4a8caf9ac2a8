import type { AriClient } from '@callflow/ari';
import { errorReason } from '../log/errorReason.ts';
import type { Logger } from '../log/Logger.ts';

export interface StrayChannelSweepOptions {
  ari: AriClient;
  logger: Logger;
  /** Channels call sessions own now. */
  liveChannels: ReadonlySet<string>;
  /** How long a listed channel nobody owns is given for its StasisStart to arrive; default 2000 ms. */
  graceMs?: number;
}

/**
 * After an app (re)registers: channels still sitting in it that no session owns (left over from a
 * dropped connection or a runtime restart) get no new StasisStart, so they are hung up instead of
 * leaving callers in silence.
 *
 * A listed channel is not always a leftover: Asterisk lists a channel in the app as soon as it enters
 * Stasis, and its StasisStart travels on the WebSocket, which can deliver it after the HTTP answer.
 * So a channel nobody owns gets `graceMs` for its StasisStart to arrive; only those that got none are
 * hung up.
 */
export class StrayChannelSweep {
  readonly #options: StrayChannelSweepOptions;
  /** One set per sweep running: the channels whose StasisStart arrived since it began. */
  readonly #arrivals = new Set<Set<string>>();
  /** Aborted by stop(): a sweep waiting out its grace then hangs nothing up, and its timer goes. */
  readonly #stopped = new AbortController();

  constructor(options: StrayChannelSweepOptions) {
    this.#options = options;
  }

  /** Every StasisStart, whatever becomes of it: its channel is a call (or a leg), not a leftover. */
  arrived(channelId: string): void {
    for (const arrivals of this.#arrivals) arrivals.add(channelId);
  }

  /** The runtime is stopping: sweeps under way hang up nothing more. */
  stop(): void {
    this.#stopped.abort();
  }

  async sweep(appName: string): Promise<void> {
    const { ari, logger, liveChannels, graceMs = 2000 } = this.#options;
    const signal = this.#stopped.signal;
    const arrived = new Set<string>();
    this.#arrivals.add(arrived);
    try {
      const { channel_ids: listed } = await ari.applications.get(appName);
      const unowned = () =>
        signal.aborted ? [] : listed.filter((id) => !liveChannels.has(id) && !arrived.has(id));
      if (unowned().length === 0) return;
      await graceOver(graceMs, signal);
      for (const channelId of unowned()) {
        logger.warn('hanging up a channel left without a call session', { app: appName, channel: channelId });
        await ari.channels.hangup(channelId).catch(() => undefined);
      }
    } catch (error) {
      logger.warn('could not resync app channels', { app: appName, reason: errorReason(error) });
    } finally {
      this.#arrivals.delete(arrived);
    }
  }
}

/** Resolves after `ms`, or at once when `signal` aborts (clearing the timer). */
function graceOver(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
