import { once } from 'node:events';
import type { Server } from 'node:http';

/** One of the runtime's own small HTTP listeners (metrics, media), bound and closed the same way. */
export class HttpListener {
  private constructor(
    private readonly server: Server,
    /** The port actually bound (port 0 picks a free one). */
    readonly port: number,
  ) {}

  /** Binds `server`; rejects if it cannot listen (port taken, unknown host). Later errors go to `onError`. */
  static async open(
    server: Server,
    host: string,
    port: number,
    onError: (error: Error) => void,
  ): Promise<HttpListener> {
    server.listen(port, host);
    // once() rejects when 'error' comes first.
    await once(server, 'listening');
    server.on('error', onError);
    const address = server.address();
    return new HttpListener(server, typeof address === 'object' && address !== null ? address.port : port);
  }

  /** Stops listening and drops open connections at once. */
  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
