import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, expect } from 'vitest';
import {
  AriAppConnection,
  type AriAppConnectionOptions,
  AriClient,
  type AriClientOptions,
  type AriConnectionState,
  type AriLogFields,
  type AriLogger,
} from '../index.ts';
import { FakeAriServer } from './FakeAriServer.ts';

/** A line an app connection logged. */
export interface LogLine {
  level: 'info' | 'warn' | 'error';
  message: string;
  fields: AriLogFields | undefined;
}

/** The bench of the test running now (see AppConnectionBench.forEachTest). */
export type AppConnectionBenchHandle = Pick<
  AppConnectionBench,
  'server' | 'lines' | 'makeConnection' | 'logged'
>;

/**
 * One test's fake Asterisk, log and app connections, for the AriAppConnection tests. The ARI password
 * has characters that must be URL-encoded in api_key and are easy to spot: close() checks that no log
 * line holds it, encoded or not.
 */
export class AppConnectionBench {
  static readonly password = 'p@ss:w/rd +1&x';
  readonly lines: LogLine[] = [];
  readonly logger: AriLogger = {
    info: (message, fields) => this.lines.push({ level: 'info', message, fields }),
    warn: (message, fields) => this.lines.push({ level: 'warn', message, fields }),
    error: (message, fields) => this.lines.push({ level: 'error', message, fields }),
  };
  readonly #connections: AriAppConnection[] = [];

  private constructor(readonly server: FakeAriServer) {}

  /**
   * Registers beforeEach/afterEach that give each test of the file a bench of its own (closed, and
   * checked for the password, after it); the handle reaches the current test's bench.
   */
  static forEachTest(): AppConnectionBenchHandle {
    let current: AppConnectionBench | undefined;
    beforeEach(async () => {
      current = await AppConnectionBench.open();
    });
    afterEach(() => current?.close());
    const bench = () => {
      if (current === undefined)
        throw new Error('AppConnectionBench.forEachTest: use the bench inside a test');
      return current;
    };
    return {
      get server() {
        return bench().server;
      },
      get lines() {
        return bench().lines;
      },
      makeConnection: (overrides) => bench().makeConnection(overrides),
      logged: (pattern) => bench().logged(pattern),
    };
  }

  static async open(): Promise<AppConnectionBench> {
    const server = new FakeAriServer({ username: 'callflow', password: AppConnectionBench.password });
    await server.start();
    return new AppConnectionBench(server);
  }

  /** Stops every connection made and the server; fails the test if a log line holds the password. */
  async close(): Promise<void> {
    await Promise.all(this.#connections.map((connection) => connection.stop()));
    await this.server.stop();
    const logged = JSON.stringify(this.lines);
    expect(logged).not.toContain(AppConnectionBench.password);
    expect(logged).not.toContain(encodeURIComponent(AppConnectionBench.password));
  }

  /** A connection to the fake server (backoff 20 ms doubling to 80 ms), with its states recorded. */
  makeConnection(
    overrides: Partial<Omit<AriAppConnectionOptions, 'client'>> & Partial<AriClientOptions> = {},
  ): {
    conn: AriAppConnection;
    states: AriConnectionState[];
  } {
    const { url, username, password, fetch, observer, ...options } = overrides;
    const client = new AriClient({
      url: url ?? this.server.url,
      username: username ?? 'callflow',
      password: password ?? AppConnectionBench.password,
      fetch,
      observer,
    });
    const conn = new AriAppConnection({
      client,
      app: 'cf-200',
      logger: this.logger,
      backoff: { initialMs: 20, maxMs: 80, jitter: 0 },
      connectTimeoutMs: 1_000,
      keepaliveMs: 0,
      ...options,
    });
    const states: AriConnectionState[] = [];
    conn.onStateChange((state) => {
      states.push(state);
    });
    this.#connections.push(conn);
    return { conn, states };
  }

  logged(pattern: RegExp): LogLine[] {
    return this.lines.filter((line) => pattern.test(line.message));
  }

  /** A port nobody listens on (just freed). */
  static async freePort(): Promise<number> {
    const probe = createServer();
    probe.listen(0, '127.0.0.1');
    await once(probe, 'listening');
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    return port;
  }
}
