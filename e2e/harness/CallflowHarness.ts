import { type ChildProcess, spawn } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Database, migrateDatabase, openDatabase } from '@callflow/db';
import { validateFlow } from '@callflow/flow';
import { publishFlow, unpublishExtension } from '@callflow/runtime/catalog';

const repoRoot = new URL('../../', import.meta.url).pathname;

export interface AriAccess {
  ariUrl: string;
  username: string;
  password: string;
}

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
  #ari: AriAccess | undefined;

  constructor(
    private readonly extraEnv: Record<string, string> = {},
    options: CallflowHarnessOptions = {},
  ) {
    this.databaseUrl =
      options.databaseUrl ?? `file:${join(mkdtempSync(join(tmpdir(), 'callflow-e2e-')), 'e2e.db')}`;
  }

  get db(): Database {
    if (this.#db === undefined) throw new Error('harness not started');
    return this.#db;
  }

  get ari(): AriAccess {
    if (this.#ari === undefined) throw new Error('harness not started');
    return this.#ari;
  }

  get runtimeOutput(): string {
    return this.#output;
  }

  /** True while the runtime process started last has not exited. */
  get runtimeRunning(): boolean {
    const child = this.#runtime;
    return child !== undefined && child.exitCode === null && child.signalCode === null;
  }

  async start(ari: AriAccess): Promise<void> {
    this.#ari = ari;
    await migrateDatabase(this.databaseUrl);
    this.#db = await openDatabase(this.databaseUrl);
    await this.startRuntime();
  }

  async startRuntime(): Promise<void> {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ARI_URL: this.ari.ariUrl,
      ARI_USERNAME: this.ari.username,
      ARI_PASSWORD: this.ari.password,
      DATABASE_URL: this.databaseUrl,
      CALLFLOW_LOG_LEVEL: 'debug',
      // Several runtimes may run on this machine at once: each takes a free metrics port.
      CALLFLOW_METRICS_PORT: '0',
      // The HTTP lookup tests call a stand-in web service on this machine, on these ports only
      // (httpTimePlay, hangupEveryNode).
      CALLFLOW_HTTP_ALLOW: '127.0.0.1:18765,127.0.0.1:18766',
      ...this.extraEnv,
    };
    // The runtime refuses ARI_SERVERS together with the one-server settings.
    if (this.extraEnv.ARI_SERVERS !== undefined) {
      delete env.ARI_URL;
      delete env.ARI_USERNAME;
      delete env.ARI_PASSWORD;
      delete env.ARI_PASSWORD_FILE;
    }
    const child = spawn(process.execPath, ['--import', 'tsx', 'apps/runtime/src/main.ts'], {
      cwd: repoRoot,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
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
    const child = this.#runtime;
    if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  async stopRuntime(): Promise<void> {
    const child = this.#runtime;
    if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 15_000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
  }

  async stop(): Promise<void> {
    await this.stopRuntime();
    await this.#db?.close();
  }

  /** Publishes like the CLI does and waits until Asterisk lists the extension's app. */
  async publish(extension: string, document: unknown, name = `flow-${extension}`): Promise<string> {
    const result = validateFlow(document);
    if (!result.ok || result.document === null) {
      throw new Error(`test flow is invalid: ${result.problems.map((p) => p.message).join('; ')}`);
    }
    const since = new Date();
    const published = await publishFlow(this.db, {
      name,
      document: result.document,
      extension,
      note: 'e2e',
      author: 'e2e',
      replace: true,
    });
    await this.waitForRuntimeEvent('publish_applied', extension, since);
    await this.waitForApp(extension, true);
    return published.versionId;
  }

  async unpublish(extension: string): Promise<void> {
    await unpublishExtension(this.db, extension);
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
        const apps = (await this.ariGet('/applications')) as { name: string }[];
        return apps.some((app) => app.name === `callflow-${extension}`) === registered;
      },
      timeoutMs,
      `app callflow-${extension} to be ${registered ? 'registered' : 'unregistered'}`,
    );
  }

  async ariGet(path: string): Promise<unknown> {
    const response = await fetch(`${this.ari.ariUrl}/ari${path}`, {
      headers: {
        authorization: `Basic ${Buffer.from(`${this.ari.username}:${this.ari.password}`).toString('base64')}`,
      },
    });
    if (!response.ok) throw new Error(`ARI GET ${path}: HTTP ${response.status}`);
    return response.json();
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

  async waitUntil(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (await check()) return;
      if (Date.now() > deadline)
        throw new Error(
          `timed out waiting for ${what}\n--- runtime output ---\n${this.#output.slice(-4000)}`,
        );
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** `nodeId:port` for each step: the path a call took. */
export function pathOf(call: CallRow): string[] {
  return call.steps.map((step) => `${step.nodeId}:${step.port ?? `(${step.error ?? 'no port'})`}`);
}
