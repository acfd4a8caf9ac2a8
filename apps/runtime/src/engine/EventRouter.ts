import type { AriEvent } from '@callflow/ari';

type Listener = (event: AriEvent) => void;

/** The key an event concerns: the channel, playback or recording it is about. */
export function routingKey(event: AriEvent): string | undefined {
  switch (event.type) {
    case 'PlaybackFinished':
      return `playback:${event.playback.id}`;
    case 'RecordingFinished':
    case 'RecordingFailed':
      return `recording:${event.recording.name}`;
    case 'Dial':
      return `channel:${event.peer.id}`;
    case 'ApplicationReplaced':
      return undefined;
    default:
      return `channel:${event.channel.id}`;
  }
}

/**
 * Delivers ARI events from every app socket to whoever waits for them. A waiter registers before it
 * sends the request that causes the event: Asterisk may send the event before the HTTP response.
 */
export class EventRouter {
  readonly #listeners = new Map<string, Set<Listener>>();
  #receivedAt = 0;

  /**
   * performance.now() when the event being dispatched (or the latest one) arrived from Asterisk: a
   * listener that lets a call go on uses it as the start of the runtime's own latency.
   */
  get eventReceivedAt(): number {
    return this.#receivedAt;
  }

  on(key: string, listener: Listener): () => void {
    let set = this.#listeners.get(key);
    if (set === undefined) {
      set = new Set();
      this.#listeners.set(key, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.#listeners.delete(key);
    };
  }

  /** `receivedAt`: performance.now() when the event arrived, before it was parsed. */
  dispatch(event: AriEvent, receivedAt: number = performance.now()): void {
    this.#receivedAt = receivedAt;
    const key = routingKey(event);
    const listeners = key === undefined ? undefined : this.#listeners.get(key);
    if (listeners !== undefined) for (const listener of listeners) listener(event);
  }

  get listenerCount(): number {
    let count = 0;
    for (const set of this.#listeners.values()) count += set.size;
    return count;
  }
}
