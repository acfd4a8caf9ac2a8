type Listener = (event: Event) => void;

/**
 * A stand-in for the browser's EventSource (happy-dom has none that a test can drive): records every
 * stream opened, and lets a test open it, send named events and drop the connection.
 */
export class FakeEventSource {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  static instances: FakeEventSource[] = [];

  readonly url: string;
  readyState: number = FakeEventSource.CONNECTING;
  readonly #listeners = new Map<string, Set<Listener>>();

  constructor(url: string | URL) {
    this.url = String(url);
    FakeEventSource.instances.push(this);
  }

  /** The streams not closed by the code under test. */
  static openInstances(): FakeEventSource[] {
    return FakeEventSource.instances.filter((source) => source.readyState !== FakeEventSource.CLOSED);
  }

  static latest(): FakeEventSource {
    const source = FakeEventSource.instances.at(-1);
    if (source === undefined) throw new Error('no EventSource has been created');
    return source;
  }

  static reset(): void {
    FakeEventSource.instances = [];
  }

  addEventListener(type: string, listener: Listener): void {
    const listeners = this.#listeners.get(type) ?? new Set();
    listeners.add(listener);
    this.#listeners.set(type, listeners);
  }

  removeEventListener(type: string, listener: Listener): void {
    this.#listeners.get(type)?.delete(listener);
  }

  close(): void {
    this.readyState = FakeEventSource.CLOSED;
  }

  /** The server answered: the stream is open. */
  open(): void {
    this.readyState = FakeEventSource.OPEN;
    this.#dispatch(new Event('open'));
  }

  /** One Server-Sent Event; `data` is sent as JSON unless it is already text. */
  emit(type: string, data: unknown): void {
    if (this.readyState === FakeEventSource.CLOSED) return;
    this.#dispatch(new MessageEvent(type, { data: typeof data === 'string' ? data : JSON.stringify(data) }));
  }

  /** The connection dropped; like the browser, the source says it is reconnecting. */
  drop(): void {
    this.readyState = FakeEventSource.CONNECTING;
    this.#dispatch(new Event('error'));
  }

  /**
   * The browser gave up on this stream for good (an answer that is not a stream, e.g. a 502 while the
   * API restarts): it is closed and says so once; only a new EventSource follows the calls again.
   */
  fail(): void {
    this.readyState = FakeEventSource.CLOSED;
    this.#dispatch(new Event('error'));
  }

  #dispatch(event: Event): void {
    for (const listener of this.#listeners.get(event.type) ?? []) listener(event);
  }
}
