// Sees what Asterisk creates while a test runs, independently of the runtime: a Stasis app of the
// test's own registered with `subscribeAll`, which Asterisk sends the events of every channel,
// bridge, playback and recording (it owns no channel, so the runtime's calls are not disturbed).

import WebSocket from 'ws';
import { z } from 'zod';
import { type AriConfig, AriHttpError, ariEventsUrl, ariGet } from './sandbox.ts';

const withId = z.object({ id: z.string() }).loose();

/** The events the observer keeps, with the fields it reads; everything else is ignored. */
const observedEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ChannelCreated'), channel: withId }).loose(),
  z.object({ type: z.literal('BridgeCreated'), bridge: withId }).loose(),
  z.object({ type: z.literal('ChannelEnteredBridge'), bridge: withId, channel: withId.optional() }).loose(),
  // Asterisk raises it for each media of a playback of several, in order.
  z
    .object({
      type: z.literal('PlaybackStarted'),
      playback: withId.extend({ target_uri: z.string(), media_uri: z.string() }),
    })
    .loose(),
  z
    .object({
      type: z.literal('RecordingStarted'),
      recording: z.object({ name: z.string(), target_uri: z.string() }).loose(),
    })
    .loose(),
  z.object({ type: z.literal('Dial'), peer: withId, dialstatus: z.string() }).loose(),
]);
type ObservedEvent = z.output<typeof observedEvent>;

const eventType = z.object({ type: z.string() }).loose();

/** A media Asterisk started playing: the channel it plays to and what it plays (e.g. `digits:1`). */
export interface MediaStarted {
  channelId: string | null;
  media: string;
}

/** What Asterisk made since the last `reset()`, by kind. */
export interface Seen {
  channels: Set<string>;
  bridges: Set<string>;
  /** Bridges a channel entered (named bridges may exist from before and raise no BridgeCreated). */
  bridgesEntered: Set<string>;
  playbacks: Set<string>;
  /** Each media Asterisk started playing, in the order it started them. */
  mediaStarted: MediaStarted[];
  recordings: Set<string>;
  /** Dial statuses of outbound legs, e.g. RINGING. */
  dialStatuses: string[];
}

const nothingSeen = (): Seen => ({
  channels: new Set(),
  bridges: new Set(),
  bridgesEntered: new Set(),
  playbacks: new Set(),
  mediaStarted: [],
  recordings: new Set(),
  dialStatuses: [],
});

/** What of `seen` Asterisk still has: each id asked for by its own GET, 404 meaning gone. */
export interface StillThere {
  channels: string[];
  bridges: string[];
  playbacks: string[];
  liveRecordings: string[];
}

export class AriObserver {
  #seen = nothingSeen();
  readonly #socket: WebSocket;

  private constructor(socket: WebSocket) {
    this.#socket = socket;
    socket.on('message', (data) => this.#take(data.toString()));
  }

  /** Registers the observing app and resolves once its socket is open. */
  static async open(ari: AriConfig, app = `e2e-observer-${process.pid}`): Promise<AriObserver> {
    const socket = new WebSocket(ariEventsUrl(ari, [app], true));
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return new AriObserver(socket);
  }

  get seen(): Seen {
    return this.#seen;
  }

  reset(): void {
    this.#seen = nothingSeen();
  }

  async close(): Promise<void> {
    if (this.#socket.readyState === WebSocket.CLOSED) return;
    const closed = new Promise((resolve) => this.#socket.once('close', resolve));
    this.#socket.close();
    await closed;
  }

  /** What Asterisk started playing to `channelId`, in order. */
  mediaPlayedTo(channelId: string): string[] {
    return this.#seen.mediaStarted.filter((p) => p.channelId === channelId).map((p) => p.media);
  }

  /** Asks Asterisk for each channel, bridge, playback and live recording seen; lists those it still has. */
  async stillThere(): Promise<StillThere> {
    const present = async (path: string) => {
      try {
        await ariGet(path);
        return true;
      } catch (error) {
        if (error instanceof AriHttpError && error.status === 404) return false;
        throw error;
      }
    };
    const filter = async (ids: Iterable<string>, pathOf: (id: string) => string) => {
      const list = [...ids];
      const found = await Promise.all(list.map((id) => present(pathOf(id))));
      return list.filter((_, index) => found[index]);
    };
    const bridges = new Set([...this.#seen.bridges, ...this.#seen.bridgesEntered]);
    return {
      channels: await filter(this.#seen.channels, (id) => `/channels/${encodeURIComponent(id)}`),
      bridges: await filter(bridges, (id) => `/bridges/${encodeURIComponent(id)}`),
      playbacks: await filter(this.#seen.playbacks, (id) => `/playbacks/${encodeURIComponent(id)}`),
      liveRecordings: await filter(
        this.#seen.recordings,
        (name) => `/recordings/live/${encodeURIComponent(name)}`,
      ),
    };
  }

  #take(text: string): void {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return;
    }
    // Most event types are of no interest: only the kept ones must have the fields read below.
    const type = eventType.safeParse(json);
    if (!type.success || !observedTypes.has(type.data.type)) return;
    this.#record(observedEvent.parse(json));
  }

  #record(event: ObservedEvent): void {
    const seen = this.#seen;
    switch (event.type) {
      case 'ChannelCreated':
        seen.channels.add(event.channel.id);
        break;
      case 'BridgeCreated':
        seen.bridges.add(event.bridge.id);
        break;
      case 'ChannelEnteredBridge':
        seen.bridgesEntered.add(event.bridge.id);
        break;
      case 'PlaybackStarted':
        seen.playbacks.add(event.playback.id);
        seen.mediaStarted.push({
          channelId: event.playback.target_uri.startsWith('channel:')
            ? event.playback.target_uri.slice('channel:'.length)
            : null,
          media: event.playback.media_uri,
        });
        break;
      case 'RecordingStarted':
        seen.recordings.add(event.recording.name);
        break;
      case 'Dial':
        seen.dialStatuses.push(event.dialstatus);
        break;
    }
  }
}

const observedTypes: ReadonlySet<string> = new Set(
  observedEvent.options.map((option) => option.shape.type.value),
);
