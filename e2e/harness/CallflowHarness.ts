import type { ChildProcess } from 'node:child_process';
import { appendFileSync, mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Database } from '@callflow/db';
import { z } from 'zod';
import {
  isRunning,
  killProcess,
  runtimeEnvironment,
  spawnTypeScript,
  stopProcess,
} from '../lib/processes.ts';
import { type AriConfig, ariRequest } from '../lib/sandbox.ts';
import { openMigrated, throwawaySqliteUrl } from '../lib/throwawayDatabase.ts';
import { waitFor } from '../lib/waitFor.ts';
import { catalog } from './catalog.ts';

const applications = z.array(z.object({ name: z.string() }).loose());

export interface CallRow {
  id: string;
  channelId: string;
  extension: string;
  flowVersionId: string | null;
  outcome: string | null;
  hangupCause: string | null;
  error: string | null;
  endedAt: Date | null;
  steps: {
    seq: number;
    nodeId: string;
    kind: string;
    port: string | null;
    variables: string | null;
    error: string | null;
  }[];
}

export interface CallflowHarnessOptions {
  /**
   * The database the runtime and the test share (migrated by `start`), e.g. a PostgreSQL server the
   * test owns; default: a throw-away SQLite file.
   */
  databaseUrl?: string;
}

/**
 * Runs the real runtime as a child process against the sandbox Asterisk and a throw-away SQLite
 * database (or the one given), and gives tests the operations a user has: publish, unpublish, read
 * the call log.
 */
export class CallflowHarness {
  readonly databaseUrl: string;
  #runtime: ChildProcess | undefined;
  #output = '';
  #db: Database | undefined;
  /** The folder of the database this harness made for itself, removed at stop. */
  #throwawayDir: string | undefined;
  #ari: AriConfig | undefined;

  constructor(
    private readonly extraEnv: Record<string, string> = {},
    options: CallflowHarnessOptions = {},
  ) {
    this.databaseUrl = options.databaseUrl ?? throwawaySqliteUrl('callflow-e2e-');
    if (options.databaseUrl === undefined)
      this.#throwawayDir = dirname(this.databaseUrl.slice('file:'.length));
  }

  get db(): Database {
    if (this.#db === undefined) throw new Error('harness not started');
    return this.#db;
  }

  get ari(): AriConfig {
    if (this.#ari === undefined) throw new Error('harness not started');
    return this.#ari;
  }

  get runtimeOutput(): string {
    return this.#output;
  }

  /** True while the runtime process started last has not exited. */
  get runtimeRunning(): boolean {
    return isRunning(this.#runtime);
  }

  async start(ari: AriConfig): Promise<void> {
    this.#ari = ari;
    this.#db = await openMigrated(this.databaseUrl);
    await this.startRuntime();
  }

  async startRuntime(): Promise<void> {
    const env = runtimeEnvironment({
      ari: this.ari,
      databaseUrl: this.databaseUrl,
      logLevel: 'debug',
      extra: {
        // The HTTP lookup tests call a stand-in web service on this machine, on these ports only
        // (httpTimePlay, hangupEveryNode).
        CALLFLOW_HTTP_ALLOW: '127.0.0.1:18765,127.0.0.1:18766',
        ...this.extraEnv,
      },
    });
    const child = spawnTypeScript('apps/runtime/src/main.ts', { env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.#runtime = child;
    // After a restart the output still holds the previous process's lines: look only at this one's.
    const outputBefore = this.#output.length;
    const logDir = new URL('../.artifacts/', import.meta.url).pathname;
    mkdirSync(logDir, { recursive: true });
    const logFile = `${logDir}runtime-${process.pid}.log`;
    const collect = (chunk: Buffer) => {
      this.#output += chunk.toString();
      appendFileSync(logFile, chunk);
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    await this.waitUntil(
      () => this.#output.includes('runtime started', outputBefore),
      20_000,
      'the runtime to start',
    );
  }

  /** kill -9 the runtime: no shutdown, no last call log batch; resolves once the process is gone. */
  async killRuntime(): Promise<void> {
    await killProcess(this.#runtime);
  }

  async stopRuntime(): Promise<void> {
    await stopProcess(this.#runtime, 15_000);
  }

  async stop(): Promise<void> {
    await this.stopRuntime();
    await this.#db?.close();
    if (this.#throwawayDir !== undefined) rmSync(this.#throwawayDir, { recursive: true, force: true });
  }

  /** Publishes like the CLI does and waits until Asterisk lists the extension's app. */
  async publish(extension: string, document: unknown, name = `flow-${extension}`): Promise<string> {
    const since = new Date();
    const versionId = await catalog.publish(this.db, {
      name,
      document,
      extension,
      note: 'e2e',
      author: 'e2e',
    });
    await this.waitForRuntimeEvent('publish_applied', extension, since);
    await this.waitForApp(extension, true);
    return versionId;
  }

  async unpublish(extension: string): Promise<void> {
    await catalog.unpublish(this.db, extension);
  }

  /** Waits until the runtime logs that it applied a change to an extension. */
  async waitForRuntimeEvent(type: string, extension: string, since: Date, timeoutMs = 5000): Promise<void> {
    await this.waitUntil(
      async () =>
        (await this.db.prisma.runtimeEvent.count({ where: { type, extension, at: { gte: since } } })) > 0,
      timeoutMs,
      `runtime event ${type} for ${extension}`,
    );
  }

  async waitForApp(extension: string, registered: boolean, timeoutMs = 5000): Promise<void> {
    await this.waitUntil(
      async () => {
        const apps = applications.parse(await this.ariGet('/applications'));
        return apps.some((app) => app.name === `callflow-${extension}`) === registered;
      },
      timeoutMs,
      `app callflow-${extension} to be ${registered ? 'registered' : 'unregistered'}`,
    );
  }

  /** GET of the harness's Asterisk's ARI (`path` under /ari). */
  ariGet(path: string): Promise<unknown> {
    return ariRequest('GET', path, { config: this.ari });
  }

  /**
   * Waits for the first call to `extension` that started at or after `since` to end, and returns it
   * with its steps in order.
   */
  async waitForCall(extension: string, since: Date, timeoutMs = 30_000): Promise<CallRow> {
    let call: CallRow | null = null;
    await this.waitUntil(
      async () => {
        call = await this.db.prisma.call.findFirst({
          where: { extension, startedAt: { gte: since } },
          orderBy: { startedAt: 'asc' },
          include: { steps: { orderBy: { seq: 'asc' } } },
        });
        return call?.endedAt != null;
      },
      timeoutMs,
      `the first call to ${extension} started after ${since.toISOString()} to end in the call log`,
    );
    if (call === null) throw new Error('unreachable');
    return call;
  }

  /** Waits (checking every 100 ms) until `check` holds; the error then ends with the runtime's output. */
  async waitUntil(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
    await waitFor(
      async () => check(),
      timeoutMs,
      () => what,
      this,
      100,
    );
  }
}

/** `nodeId:port` for each step: the path a call took. */
export function pathOf(call: CallRow): string[] {
  return call.steps.map((step) => `${step.nodeId}:${step.port ?? `(${step.error ?? 'no port'})`}`);
}
