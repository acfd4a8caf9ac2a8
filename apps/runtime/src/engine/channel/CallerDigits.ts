import { CallEndedError } from '@callflow/flow/runtime';
import type { AriCallChannelDeps } from './AriCallChannelDeps.ts';

/**
 * The digits the caller presses (ChannelDtmfReceived, one event per digit: ARI has no "collect
 * digits"), buffered from the start of the call so type-ahead during a prompt is kept; up to a
 * bound, or a caller sending digits through a long prompt or a bridge would grow it without end.
 */
export class CallerDigits {
  readonly #deps: AriCallChannelDeps;
  readonly #digits: string[] = [];
  readonly #listeners = new Set<() => void>();
  readonly #stopListening: () => void;
  #droppedDigits = false;

  constructor(deps: AriCallChannelDeps) {
    this.#deps = deps;
    this.#stopListening = deps.router.on(`channel:${deps.id}`, (event) => {
      if (event.type !== 'ChannelDtmfReceived') return;
      deps.latency.resumed(deps.router.eventReceivedAt);
      if (this.#digits.length >= deps.limits.maxBufferedDigits) {
        this.#digits.shift();
        if (!this.#droppedDigits) {
          this.#droppedDigits = true;
          deps.limitReached('buffered_digits');
          deps.logger.warn('dropping the oldest digits: more arrived than the flow reads', {
            limit: deps.limits.maxBufferedDigits,
          });
        }
      }
      this.#digits.push(event.digit);
      for (const listener of [...this.#listeners]) listener();
    });
  }

  /** Digits pressed and not yet read. */
  get buffered(): readonly string[] {
    return this.#digits;
  }

  /** The next digit (buffered ones first), or null after timeoutMs without one. */
  next(timeoutMs: number): Promise<string | null> {
    const buffered = this.#digits.shift();
    if (buffered !== undefined) return Promise.resolve(buffered);
    const { hangup, id, latency } = this.#deps;
    if (hangup.aborted) return Promise.reject(new CallEndedError(id));
    return new Promise((resolve, reject) => {
      const finish = () => {
        clearTimeout(timer);
        stopListening();
        hangup.removeEventListener('abort', onHangup);
      };
      const timer = setTimeout(() => {
        latency.resumed();
        finish();
        resolve(null);
      }, timeoutMs);
      const stopListening = this.onDigit(() => {
        finish();
        resolve(this.#digits.shift() ?? null);
      });
      const onHangup = () => {
        finish();
        reject(new CallEndedError(id));
      };
      hangup.addEventListener('abort', onHangup, { once: true });
    });
  }

  clear(): void {
    this.#digits.length = 0;
  }

  /** Calls `listener` after each digit is buffered; returns the unsubscribe. */
  onDigit(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  dispose(): void {
    this.#stopListening();
    this.#listeners.clear();
  }
}
