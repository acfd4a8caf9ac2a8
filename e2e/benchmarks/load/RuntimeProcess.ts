// The Callflow runtime under load: a child process at its production log level, writing its log
// straight into a file, with a throw-away SQLite database, its metrics and (optionally) every step
// latency observation.
import type { ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from '@callflow/db';
import type { FlowDocument } from '@callflow/flow';
import { catalog } from '../../harness/catalog.ts';
import { nodeArgsFrom, runtimeEnvironment, spawnTypeScript, stopProcess } from '../../lib/processes.ts';
import { metricSum, type Sample, scrape } from '../../lib/prometheus.ts';
import { type AriConfig, appRegistered, REPO_ROOT } from '../../lib/sandbox.ts';
import { openMigrated, throwawaySqliteUrl } from '../../lib/throwawayDatabase.ts';
import { waitFor } from '../../lib/waitFor.ts';
import { drainSamples } from './drainSamples.ts';
import { LOAD_ARTIFACTS } from './loadSandbox.ts';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export interface RuntimeOptions {
  ari: AriConfig;
  /** Loads stepLatencyRecorder.ts into the runtime (every latency observation, for the exact max). */
  recordLatency: boolean;
  /** Log file name under LOAD_ARTIFACTS. */
  logName: string;
}

export class RuntimeProcess {
  #child: ChildProcess | undefined;
  #db: Database | undefined;
  metricsUrl = '';
  recorderUrl = '';
  readonly logFile: string;

  constructor(private readonly options: RuntimeOptions) {
    this.logFile = join(LOAD_ARTIFACTS, options.logName);
  }

  get pid(): number {
    const pid = this.#child?.pid;
    if (pid === undefined) throw new Error('runtime not started');
    return pid;
  }

  get db(): Database {
    if (this.#db === undefined) throw new Error('runtime not started');
    return this.#db;
  }

  async start(): Promise<void> {
    const databaseUrl = throwawaySqliteUrl('callflow-bench-');
    this.#db = await openMigrated(databaseUrl);
    mkdirSync(LOAD_ARTIFACTS, { recursive: true });
    writeFileSync(this.logFile, '');
    // The runtime writes its log straight into the file: no pipe through this process, whose CPU the
    // measured processes share.
    const log = openSync(this.logFile, 'a');
    const env = runtimeEnvironment({ ari: this.options.ari, databaseUrl, logLevel: 'info' });
    for (const name of ['ARI_SERVERS', 'ARI_SERVERS_FILE', 'ARI_PASSWORD_FILE', 'CALLFLOW_POLL_MS'])
      delete env[name];
    const child = spawnTypeScript('apps/runtime/src/main.ts', {
      env,
      stdio: ['ignore', log, log],
      // E.g. BENCH_RUNTIME_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to see where the CPU goes.
      nodeArgs: nodeArgsFrom('BENCH_RUNTIME_NODE_ARGS'),
      imports: this.options.recordLatency
        ? [join(REPO_ROOT, 'e2e/benchmarks/load/stepLatencyRecorder.ts')]
        : [],
    });
    this.#child = child;
    closeSync(log);
    const deadline = Date.now() + 30_000;
    for (;;) {
      const text = readFileSync(this.logFile, 'utf8');
      this.metricsUrl = /Prometheus metrics served .*?url=(\S+)/.exec(text)?.[1] ?? '';
      this.recorderUrl = /step latency recorder at (\S+)/.exec(text)?.[1] ?? '';
      if (text.includes('runtime started') && this.metricsUrl !== '') break;
      if (child.exitCode !== null || Date.now() > deadline)
        throw new Error(`the runtime did not start; its log:\n${text.slice(-3000)}`);
      await sleep(100);
    }
    if (this.options.recordLatency && this.recorderUrl === '')
      throw new Error('the step latency recorder did not load into the runtime');
  }

  /** Publishes like the CLI and waits until Asterisk lists the extension's app. */
  async publish(extension: string, document: FlowDocument): Promise<void> {
    await catalog.publish(this.db, {
      name: `bench-${extension}`,
      document,
      extension,
      note: 'load benchmark',
      author: null,
    });
    const app = `callflow-${extension}`;
    await waitFor(
      () => appRegistered(app, this.options.ari),
      10_000,
      () => `Stasis app ${app}`,
      undefined,
      100,
    );
  }

  async metrics(): Promise<Map<string, Sample[]>> {
    return scrape(this.metricsUrl);
  }

  /** Exact engine latency observations (ms) since the last call, from stepLatencyRecorder.ts. */
  async drainLatency(): Promise<number[]> {
    return drainSamples(`${this.recorderUrl}/latency`);
  }

  /** Waits until no call is in progress and the call log has nothing left to write. */
  async waitIdle(timeoutMs: number): Promise<boolean> {
    const idle = async () => {
      const m = await this.metrics();
      return (
        metricSum(m, 'callflow_calls_in_progress') === 0 &&
        metricSum(m, 'callflow_call_log_rows_buffered') === 0
      );
    };
    return waitFor(idle, timeoutMs, () => 'the runtime to be idle', undefined, 250).then(
      () => true,
      () => false,
    );
  }

  /** Calls of `extension` started since `since`, from the call log: by outcome, and full-path completions. */
  async callLog(
    extension: string,
    since: Date,
    completedStepCount: number,
  ): Promise<{ total: number; ended: number; byOutcome: Record<string, number>; fullPath: number }> {
    const where = { extension, startedAt: { gte: since } };
    const [total, ended, groups, fullPath] = await Promise.all([
      this.db.prisma.call.count({ where }),
      this.db.prisma.call.count({ where: { ...where, endedAt: { not: null } } }),
      this.db.prisma.call.groupBy({ by: ['outcome'], where, _count: { _all: true } }),
      this.db.prisma.call.count({ where: { ...where, outcome: 'completed', stepCount: completedStepCount } }),
    ]);
    const byOutcome: Record<string, number> = {};
    for (const group of groups) byOutcome[group.outcome ?? 'live'] = group._count._all;
    return { total, ended, byOutcome, fullPath };
  }

  async stop(): Promise<void> {
    await stopProcess(this.#child, 15_000);
    await this.#db?.close();
  }
}
