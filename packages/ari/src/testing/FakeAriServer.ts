import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';

/**
 * A small stand-in for Asterisk's HTTP server (REST under /ari, events WebSocket at /ari/events)
 * on an ephemeral port, for tests that should exercise real HTTP and WebSocket traffic.
 */

export interface RecordedRequest {
  method: string;
  /** Path exactly as sent, still percent-encoded. */
  rawPath: string;
  /** Query string exactly as sent, without the `?`. */
  rawQuery: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface FakeReply {
  status?: number;
  json?: unknown;
  body?: string | Uint8Array;
  headers?: Record<string, string>;
  delayMs?: number;
  /** Runs once the answer has been written (for events Asterisk sends after its HTTP answer). */
  afterSent?: () => void;
}

export type FakeRoute = (req: RecordedRequest) => FakeReply | Promise<FakeReply>;

export interface FakeEventSocket {
  app: string;
  subscribeAll: string | null;
  apiKey: string | null;
  url: string;
  ws: WebSocket;
  closed: Promise<{ code: number; reason: string }>;
  send(event: Record<string, unknown>): void;
  sendRaw(text: string): void;
}

export interface FakeAriServerOptions {
  username?: string;
  password?: string;
  /** Whether the server answers WebSocket pings (turn off to simulate a dead peer). */
  autoPong?: boolean;
}

export class FakeAriServer {
  username: string;
  password: string;
  /** When set, every events WebSocket upgrade is answered with this HTTP status. */
  rejectUpgradeWith: number | undefined;
  readonly requests: RecordedRequest[] = [];
  readonly sockets: FakeEventSocket[] = [];
  readonly #routes: { method: string; path: string | RegExp; route: FakeRoute }[] = [];
  readonly #autoPong: boolean;
  #server: Server | undefined;
  #wss: WebSocketServer | undefined;
  #port = 0;
  #connectionWaiters: ((socket: FakeEventSocket) => void)[] = [];
  readonly #eventObservers = new Set<(app: string, event: Record<string, unknown>) => void>();

  constructor(options: FakeAriServerOptions = {}) {
    this.username = options.username ?? 'callflow';
    this.password = options.password ?? 's3cret-pw';
    this.#autoPong = options.autoPong ?? true;
    this.route('GET', '/ari/asterisk/info', () => ({
      json: {
        build: { os: 'Linux', date: '2025-01-01' },
        system: { version: '22.10.1', entity_id: '00:00:00:00:00:01' },
        config: { name: 'fake' },
        status: { startup_time: '2025-01-01T00:00:00.000+0000' },
      },
    }));
    this.route('GET', '/ari/asterisk/ping', () => ({
      json: { asterisk_id: '00:00:00:00:00:01', ping: 'pong', timestamp: new Date().toISOString() },
    }));
  }

  get port(): number {
    return this.#port;
  }

  get url(): string {
    return `http://127.0.0.1:${this.#port}`;
  }

  /** Routes are matched last-registered first, so tests can override defaults. */
  route(method: string, path: string | RegExp, route: FakeRoute): this {
    this.#routes.unshift({ method, path, route });
    return this;
  }

  requestsTo(method: string, rawPath: string): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && r.rawPath === rawPath);
  }

  openSockets(app?: string): FakeEventSocket[] {
    return this.sockets.filter((s) => s.ws.readyState === s.ws.OPEN && (app === undefined || s.app === app));
  }

  /** Listens on `port` (0 = ephemeral; reuse the old port to simulate Asterisk coming back). */
  async start(port = this.#port): Promise<void> {
    const server = createServer((req, res) => void this.#handle(req, res));
    const wss = new WebSocketServer({ noServer: true, autoPong: this.#autoPong });
    server.on('upgrade', (req, socket, head) => this.#upgrade(wss, req, socket, head));
    server.listen(port, '127.0.0.1');
    await once(server, 'listening');
    this.#port = (server.address() as AddressInfo).port;
    this.#server = server;
    this.#wss = wss;
  }

  /** Like Asterisk going away: open sockets are cut without a close frame. */
  async stop(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    for (const socket of this.sockets) socket.ws.terminate();
    this.#wss?.close();
    this.#wss = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Closes the open event sockets from the server side. */
  dropSockets(code = 1011, reason = 'going away'): void {
    for (const socket of this.openSockets()) socket.ws.close(code, reason);
  }

  sendEvent(app: string, event: Record<string, unknown>): void {
    for (const observer of this.#eventObservers) observer(app, event);
    for (const socket of this.openSockets(app)) socket.send(event);
  }

  /**
   * Like sendEvent; resolves once each client has handled the event: a ping sent after it comes back
   * as a pong, and a `ws` client reads frames in order, running its message handler (the runtime
   * dispatches ARI events synchronously from it) before it answers the ping. So an HTTP answer sent
   * after this really arrives after the event, as Asterisk can make it happen.
   */
  async sendEventHandled(app: string, event: Record<string, unknown>): Promise<void> {
    for (const observer of this.#eventObservers) observer(app, event);
    const text = JSON.stringify({ application: app, timestamp: new Date().toISOString(), ...event });
    await Promise.all(
      this.openSockets(app).map(
        (socket) =>
          new Promise<void>((resolve) => {
            // A client that never answers pings (or closes meanwhile) does not hold the test up.
            const timer = setTimeout(done, 2000);
            function done(): void {
              clearTimeout(timer);
              socket.ws.off('pong', done);
              socket.ws.off('close', done);
              resolve();
            }
            socket.ws.once('pong', done);
            socket.ws.once('close', done);
            socket.ws.send(text);
            socket.ws.ping();
          }),
      ),
    );
  }

  /** Tells `observer` of every event sent through sendEvent (e.g. so a simulation learns channels). */
  observeEvents(observer: (app: string, event: Record<string, unknown>) => void): () => void {
    this.#eventObservers.add(observer);
    return () => this.#eventObservers.delete(observer);
  }

  nextConnection(): Promise<FakeEventSocket> {
    return new Promise((resolve) => this.#connectionWaiters.push(resolve));
  }

  #authorized(header: string | undefined): boolean {
    const expected = `Basic ${Buffer.from(`${this.username}:${this.password}`).toString('base64')}`;
    return header === expected;
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const rawUrl = req.url ?? '/';
    const queryStart = rawUrl.indexOf('?');
    const recorded: RecordedRequest = {
      method: req.method ?? 'GET',
      rawPath: queryStart === -1 ? rawUrl : rawUrl.slice(0, queryStart),
      rawQuery: queryStart === -1 ? '' : rawUrl.slice(queryStart + 1),
      query: new URLSearchParams(queryStart === -1 ? '' : rawUrl.slice(queryStart + 1)),
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    };
    this.requests.push(recorded);

    if (!this.#authorized(req.headers.authorization)) {
      res.writeHead(401, {
        'content-type': 'application/json',
        'www-authenticate': 'Basic realm="Asterisk REST Interface"',
      });
      res.end(JSON.stringify({ error: 'Authentication required' }));
      return;
    }
    const match = this.#routes.find(
      (r) =>
        r.method === recorded.method &&
        (typeof r.path === 'string' ? r.path === recorded.rawPath : r.path.test(recorded.rawPath)),
    );
    const reply: FakeReply = match
      ? await match.route(recorded)
      : { status: 404, json: { message: 'Resource not found' } };
    if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
    if (res.destroyed) return;
    const status = reply.status ?? (reply.json === undefined && reply.body === undefined ? 204 : 200);
    const headers: Record<string, string> = { ...reply.headers };
    let body: string | Uint8Array | undefined = reply.body;
    if (reply.json !== undefined) {
      headers['content-type'] ??= 'application/json';
      body = JSON.stringify(reply.json);
    }
    res.writeHead(status, headers);
    const { afterSent } = reply;
    if (afterSent === undefined) res.end(body);
    else res.end(body, () => afterSent());
  }

  #upgrade(wss: WebSocketServer, req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://fake');
    const reject = (status: number, text: string): void => {
      socket.end(`HTTP/1.1 ${status} ${text}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
    };
    const apiKey = url.searchParams.get('api_key');
    if (url.pathname !== '/ari/events') {
      reject(404, 'Not Found');
      return;
    }
    if (apiKey !== `${this.username}:${this.password}`) {
      reject(401, 'Unauthorized');
      return;
    }
    if (this.rejectUpgradeWith !== undefined) {
      reject(this.rejectUpgradeWith, 'Refused');
      return;
    }
    const app = url.searchParams.get('app') ?? '';
    wss.handleUpgrade(req, socket, head, (ws) => {
      const previous = this.openSockets(app);
      const closed = new Promise<{ code: number; reason: string }>((resolve) => {
        ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() }));
      });
      const fake: FakeEventSocket = {
        app,
        subscribeAll: url.searchParams.get('subscribeAll'),
        apiKey,
        url: req.url ?? '',
        ws,
        closed,
        send: (event) =>
          ws.send(JSON.stringify({ application: app, timestamp: new Date().toISOString(), ...event })),
        sendRaw: (text) => ws.send(text),
      };
      this.sockets.push(fake);
      // Make-before-break, as Asterisk does: the newest socket owns the app.
      for (const old of previous) old.send({ type: 'ApplicationReplaced' });
      const waiters = this.#connectionWaiters;
      this.#connectionWaiters = [];
      for (const waiter of waiters) waiter(fake);
    });
  }
}
