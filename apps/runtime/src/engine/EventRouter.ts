import type { AriEvent } from '../ari/index.ts';

type Listener = (event: AriEvent) => void;

/** The keys an event concerns: the channels, playback or recording it is about. */
export function routingKeys(event: AriEvent): string[] {
  switch (event.type) {
    case 'PlaybackStarted':
    case 'PlaybackContinuing':
    case 'PlaybackFinished':
      return [`playback:${event.playback.id}`];
    case 'RecordingStarted':
    case 'RecordingFinished':
    case 'RecordingFailed':
      return [`recording:${event.recording.name}`];
    case 'Dial':
      return [`channel:${event.peer.id}`];
    case 'BridgeDestroyed':
      return [`bridge:${event.bridge.id}`];
    case 'ApplicationReplaced':
      return [];
    default:
      return event.channel === undefined ? [] : [`channel:${event.channel.id}`];
  }
}

/**
 * Delivers ARI events from every app socket to whoever waits for them. A waiter registers before it
 * sends the request that causes the event: Asterisk may send the event before the HTTP response.
 */
export class EventRouter {
  readonly #listeners = new Map<string, Set<Listener>>();

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

  dispatch(event: AriEvent): void {
    for (const key of routingKeys(event))
      for (const listener of this.#listeners.get(key) ?? []) listener(event);
  }

  get listenerCount(): number {
    let count = 0;
    for (const set of this.#listeners.values()) count += set.size;
    return count;
  }
}
