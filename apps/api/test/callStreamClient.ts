// A client of the live call stream (GET /api/calls/stream) for tests, the call and step rows they
// write, and the marker calls that show nothing more is on its way.
import type { Database, Prisma } from '@callflow/db';

export interface SseEvent {
  event: string;
  data: Record<string, unknown>;
}

/** A minimal EventSource over fetch: collects events and comment lines until closed. */
export class SseClient {
  readonly events: SseEvent[] = [];
  readonly comments: string[] = [];
  readonly #abort = new AbortController();
  #ended = false;

  private constructor(readonly response: Response) {}

  static async open(url: string, cookie: string | null): Promise<SseClient> {
    const abort = new AbortController();
    const response = await fetch(url, {
      headers: { accept: 'text/event-stream', ...(cookie === null ? {} : { cookie }) },
      signal: abort.signal,
    });
    const client = new SseClient(response);
    client.#abort.signal.addEventListener('abort', () => abort.abort());
    void client.#pump();
    return client;
  }

  async #pump(): Promise<void> {
    const body = this.response.body;
    if (body === null) return;
    const reader = body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        for (let end = buffer.indexOf('\n\n'); end !== -1; end = buffer.indexOf('\n\n')) {
          this.#dispatch(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
      }
    } catch {
      // aborted
    } finally {
      this.#ended = true;
    }
  }

  #dispatch(block: string): void {
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) this.comments.push(line.slice(1).trim());
      else if (line.startsWith('event: ')) event = line.slice('event: '.length);
      else if (line.startsWith('data: ')) data.push(line.slice('data: '.length));
    }
    if (data.length > 0) this.events.push({ event, data: JSON.parse(data.join('\n')) });
  }

  get ended(): boolean {
    return this.#ended;
  }

  of(event: string): Record<string, unknown>[] {
    return this.events.filter((item) => item.event === event).map((item) => item.data);
  }

  close(): void {
    this.#abort.abort();
  }
}

// Taken before any test fakes the clock: waiting on real time while the stream's timers are fake.
const realSetTimeout = globalThis.setTimeout;
const realNow = Date.now;

export async function until(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = realNow() + timeoutMs;
  while (!condition()) {
    if (realNow() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => realSetTimeout(resolve, 20));
  }
}

export function newCall(id: string, fields: Partial<Prisma.CallCreateInput> = {}): Prisma.CallCreateInput {
  return {
    id,
    channelId: `chan-${id}`,
    asteriskServer: '127.0.0.1:8088',
    appName: 'callflow-100',
    extension: '100',
    flowId: 'flow-a',
    flowVersionId: 'version-a-1',
    callerNumber: '5550100',
    startedAt: new Date(),
    ...fields,
  };
}

export function newStep(callId: string, seq: number, fields: Partial<Prisma.CallStepCreateManyInput> = {}) {
  const enteredAt = new Date(Date.now() - 1000);
  return {
    callId,
    seq,
    nodeId: `node-${seq}`,
    kind: seq === 1 ? 'start' : 'play',
    enteredAt,
    leftAt: new Date(enteredAt.getTime() + 400),
    port: 'next',
    variables: seq === 2 ? JSON.stringify({ 'vars.greeting': 'hello' }) : null,
    ...fields,
  } satisfies Prisma.CallStepCreateManyInput;
}

let markerCount = 0;

/**
 * "Nothing more arrived" without sleeping: writes an ended call (matching `fields`, so that filtered
 * streams get it too) and waits for it on every client, twice in a row, so at least one more poll has
 * run after the first marker. Anything the stream would send late or twice (a call already sent,
 * a step of another extension) has arrived by then. Returns each client's events without the markers.
 */
export async function afterTwoMarkers(
  db: Database,
  clients: readonly SseClient[],
  fields: Partial<Prisma.CallCreateInput> = {},
): Promise<SseEvent[][]> {
  const markers: string[] = [];
  for (let round = 0; round < 2; round++) {
    markerCount += 1;
    const id = `marker-${markerCount}`;
    markers.push(id);
    await db.prisma.call.create({
      data: newCall(id, { endedAt: new Date(), outcome: 'completed', ...fields }),
    });
    for (const client of clients)
      await until(() => client.of('call').some((call) => call.id === id), `marker ${id}`);
  }
  return clients.map((client) =>
    client.events.filter((item) => !markers.includes(String(item.data.id ?? item.data.callId))),
  );
}
