import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { HttpListener } from '../http/HttpListener.ts';
import type { Logger } from '../log/Logger.ts';

/** What became of one request to the media listener (the `result` label of its metric). */
export type MediaRequestResult =
  | 'served'
  | 'not_modified'
  | 'not_found'
  | 'method_not_allowed'
  | 'unavailable';

export interface MediaServerOptions {
  /** The file with this id (64 lowercase hex), or undefined; rejects when it cannot be read now. */
  find(id: string): Promise<Buffer | undefined>;
  logger: Logger;
  /** Counts each request by result. */
  counted(result: MediaRequestResult): void;
  /** Default 5 s for the request's headers, 10 s for the whole request, 30 s of a silent socket. */
  timeouts?: { headersMs: number; requestMs: number; idleMs: number };
}

const defaultTimeouts = { headersMs: 5_000, requestMs: 10_000, idleMs: 30_000 };

// The whole request target, exactly: no query, no encoding, no other case, no dot segments.
const mediaPath = /^\/media\/([0-9a-f]{64})\.wav$/;

/** Served once by hash, never changed: Asterisk (res_http_media_cache) keeps it and never asks again. */
const immutable = 'public, max-age=31536000, immutable';

const plain = { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' };

/**
 * The runtime's listener that Asterisk fetches prompts from: `GET` or `HEAD /media/<hash>.wav` and
 * nothing else. It answers only from memory or the database, at once: Asterisk plays nothing while a
 * fetch is pending, so nothing slow (like rendering speech) ever happens inside a request.
 */
export class MediaServer {
  readonly #options: MediaServerOptions;
  #listener: HttpListener | undefined;
  #failing = false;

  constructor(options: MediaServerOptions) {
    this.#options = options;
  }

  /** Resolves with the address actually bound (port 0 picks a free one); rejects if it cannot listen. */
  async listen(host: string, port: number): Promise<{ host: string; port: number }> {
    const timeouts = this.#options.timeouts ?? defaultTimeouts;
    const server = createServer(
      {
        headersTimeout: timeouts.headersMs,
        requestTimeout: timeouts.requestMs,
        // How often those two are checked (Node's default, 30 s, would let a slow client stay that long).
        connectionsCheckingInterval: Math.min(1_000, timeouts.headersMs),
      },
      (request, response) => void this.#answer(request, response),
    );
    // A client that stops reading must not hold a socket (and a file) forever.
    server.setTimeout(timeouts.idleMs, (socket) => socket.destroy());
    server.keepAliveTimeout = 5_000;
    server.maxConnections = 512;
    const listener = await HttpListener.open(server, host, port, (error) =>
      this.#options.logger.error('media listener failed', { reason: String(error) }),
    );
    this.#listener = listener;
    return { host, port: listener.port };
  }

  async close(): Promise<void> {
    const listener = this.#listener;
    this.#listener = undefined;
    await listener?.close();
  }

  async #answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const started = performance.now();
    const result = await this.#respond(request, response);
    this.#options.counted(result);
    this.#options.logger.debug('media request', {
      method: request.method,
      path: (request.url ?? '').slice(0, 100),
      result,
      ms: Math.round(performance.now() - started),
    });
  }

  async #respond(request: IncomingMessage, response: ServerResponse): Promise<MediaRequestResult> {
    const id = mediaPath.exec(request.url ?? '')?.[1];
    if (id === undefined) {
      response.writeHead(404, plain).end('not found\n');
      return 'not_found';
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { ...plain, allow: 'GET, HEAD' }).end('method not allowed\n');
      return 'method_not_allowed';
    }
    let file: Buffer | undefined;
    try {
      file = await this.#options.find(id);
      this.#failing = false;
    } catch (error) {
      // Once per outage, not once per request: Asterisk asks twice for every prompt it cannot get.
      if (!this.#failing)
        this.#options.logger.warn('media listener cannot read audio; prompts fail until it can', {
          reason: error instanceof Error ? error.message : String(error),
        });
      this.#failing = true;
      response.writeHead(503, plain).end('unavailable\n');
      return 'unavailable';
    }
    if (file === undefined) {
      response.writeHead(404, plain).end('not found\n');
      return 'not_found';
    }
    const etag = `"${id}"`;
    if (request.headers['if-none-match'] === etag) {
      response.writeHead(304, { etag, 'cache-control': immutable }).end();
      return 'not_modified';
    }
    response.writeHead(200, {
      'content-type': 'audio/wav',
      'content-length': file.byteLength,
      etag,
      'cache-control': immutable,
    });
    response.end(request.method === 'HEAD' ? undefined : file);
    return 'served';
  }
}
