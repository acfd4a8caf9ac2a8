import type { AriRequestObserver } from '../ariRequestParams.ts';

/**
 * When Asterisk's events about a request reach the runtime, relative to the request's HTTP answer.
 * Real Asterisk does both (RecordingStarted, ChannelEnteredBridge, PlaybackStarted, Dial... can come
 * first: the WebSocket and the HTTP answer travel on different connections), so the runtime registers
 * its waiters before it sends a request, and tests run each request both ways.
 */
export type EventOrder = 'events before the answer' | 'events after the answer';

export const eventOrders: readonly EventOrder[] = ['events before the answer', 'events after the answer'];

/**
 * Delivers a fake route's events in a chosen order relative to its answer, for tests that hand events
 * to the runtime directly (an EventRouter) rather than over a WebSocket.
 *
 * Before: at once, while the route is still answering (the runtime has not read the answer yet).
 * After: once the runtime's AriClient has read the answer and the code awaiting it has gone on; give
 * `observer` to that AriClient (`new AriClient({ ..., observer })`) so the answer is seen.
 */
export class OrderedEvents<E> {
  readonly #held: E[] = [];

  constructor(
    readonly order: EventOrder,
    private readonly deliver: (event: E) => void,
  ) {}

  readonly observer: AriRequestObserver = {
    requestEnded: () => {
      const held = this.#held.splice(0);
      // A macrotask: the continuation awaiting the answer (microtasks) runs first.
      if (held.length > 0) setImmediate(() => held.forEach(this.deliver));
    },
  };

  /** Called by a route while it answers the request that causes `event`. */
  send(event: E): void {
    if (this.order === 'events before the answer') this.deliver(event);
    else this.#held.push(event);
  }
}
