import { createServer } from 'node:http';
import { HttpListener } from '../http/HttpListener.ts';
import type { Logger } from '../log/Logger.ts';
import { type MetricsRegistry, PROMETHEUS_CONTENT_TYPE } from './MetricsRegistry.ts';

/**
 * The runtime's own small HTTP listener for Prometheus: `GET /metrics` and nothing else. Separate
 * from the API (which may run elsewhere, or not at all) and bound to loopback by default, since the
 * figures are operational detail, not for the public.
 */
export class MetricsServer {
  readonly #registry: MetricsRegistry;
  readonly #logger: Logger;
  #listener: HttpListener | undefined;
  #renderFailed = false;

  constructor(registry: MetricsRegistry, logger: Logger) {
    this.#registry = registry;
    this.#logger = logger;
  }

  /** Resolves with the address actually bound (port 0 picks a free one); rejects if it cannot listen. */
  async listen(host: string, port: number): Promise<{ host: string; port: number; url: string }> {
    const server = createServer((request, response) => {
      const path = (request.url ?? '/').split('?')[0];
      if (path !== '/metrics') {
        response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
        response.end('not found: metrics are at /metrics\n');
        return;
      }
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        response.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
        response.end('method not allowed\n');
        return;
      }
      let body: string;
      try {
        body = this.#registry.render();
        this.#renderFailed = false;
      } catch (error) {
        if (!this.#renderFailed)
          this.#logger.error('metrics: could not render /metrics', { reason: String(error) });
        this.#renderFailed = true;
        response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        response.end('metrics unavailable\n');
        return;
      }
      response.writeHead(200, {
        'content-type': PROMETHEUS_CONTENT_TYPE,
        'content-length': Buffer.byteLength(body),
        'cache-control': 'no-store',
      });
      response.end(request.method === 'HEAD' ? undefined : body);
    });
    // A scraper that never finishes its request must not hold a socket forever.
    server.requestTimeout = 10_000;
    server.headersTimeout = 10_000;
    const listener = await HttpListener.open(server, host, port, (error) =>
      this.#logger.error('metrics listener failed', { reason: String(error) }),
    );
    this.#listener = listener;
    const boundPort = listener.port;
    const urlHost = host.includes(':') ? `[${host}]` : host;
    return { host, port: boundPort, url: `http://${urlHost}:${boundPort}/metrics` };
  }

  async close(): Promise<void> {
    const listener = this.#listener;
    this.#listener = undefined;
    await listener?.close();
  }
}
