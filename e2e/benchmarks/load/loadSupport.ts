// What the load benchmark and the soak share: an Asterisk sandbox instance of their own (with an RTP
// range wide enough for 300 calls), the runtime and the baseline as child processes, one sipp process
// placing many calls, and the readings (/proc, Prometheus text, sipp's statistics file).
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import {
  closeSync,
  createWriteStream,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Database, migrateDatabase, openDatabase } from '@callflow/db';
import type { FlowDocument } from '@callflow/flow';
import { publishFlow } from '@callflow/runtime/catalog';
import { z } from 'zod';
import {
  type AriConfig,
  authHeader,
  parseEnvFile,
  REPO_ROOT,
  SANDBOX_SCRIPT,
} from '../../support/sandbox.ts';
import { buildCallerScenario, SIPP_BIN } from '../../support/sipp.ts';

export const ARTIFACTS = join(REPO_ROOT, 'e2e/.artifacts/bench-load');
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

// ------------------------------------------------------------------------------------ sandbox

/**
 * The benchmark's own Asterisk instance. Defaults stay clear of the default instance (8088/5060, RTP
 * 10000–10999), the e2e extra instances (8180+/5180+, RTP 12000–15999) and sipp's ports (16000+,
 * 29100+, 30000+). 300 calls need 600 RTP ports (RTP + RTCP each).
 */
export const sandboxSettings = z
  .object({
    BENCH_SANDBOX_INSTANCE: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*$/)
      .default('load'),
    BENCH_SANDBOX_HTTP_PORT: z.coerce.number().int().min(1).max(65535).default(8096),
    BENCH_SANDBOX_SIP_PORT: z.coerce.number().int().min(1).max(65535).default(5096),
    BENCH_SANDBOX_RTP_START: z.coerce.number().int().min(1024).max(65000).default(20000),
    BENCH_SANDBOX_RTP_END: z.coerce.number().int().min(1024).max(65535).default(21999),
  })
  .parse(process.env);

export class LoadSandbox {
  readonly #name = sandboxSettings.BENCH_SANDBOX_INSTANCE;
  #ari: AriConfig | undefined;
  /** Whether this process started it (and so stops it); a running instance is reused and left running. */
  #startedHere = false;

  get ari(): AriConfig {
    if (this.#ari === undefined) throw new Error('sandbox not started');
    return this.#ari;
  }

  get sipTarget(): string {
    return `127.0.0.1:${sandboxSettings.BENCH_SANDBOX_SIP_PORT}`;
  }

  /** Asterisk's pid (the chroot execs it, so the pid file names Asterisk itself). */
  get asteriskPid(): number {
    const pid = Number(readFileSync(join(REPO_ROOT, `.cache/asterisk-${this.#name}.pid`), 'utf8').trim());
    if (!Number.isInteger(pid) || pid <= 1) throw new Error(`no Asterisk pid for instance ${this.#name}`);
    return pid;
  }

  async start(): Promise<void> {
    this.#startedHere = !this.#script('status').includes('running (pid');
    this.#script('start');
    const file = parseEnvFile(readFileSync(join(REPO_ROOT, `.cache/sandbox-${this.#name}.env`), 'utf8'));
    const password = file.ARI_PASSWORD;
    if (password === undefined) throw new Error(`sandbox instance ${this.#name} has no ARI password`);
    this.#ari = {
      ariUrl: `http://127.0.0.1:${sandboxSettings.BENCH_SANDBOX_HTTP_PORT}`,
      username: file.ARI_USERNAME ?? 'callflow',
      password,
    };
  }

  stop(): void {
    if (this.#startedHere) this.#script('stop');
  }

  version(): string {
    return this.#script('cli', 'core show version').trim().split('\n')[0] ?? '?';
  }

  #script(...args: string[]): string {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      SANDBOX_INSTANCE: this.#name,
      SANDBOX_HTTP_PORT: String(sandboxSettings.BENCH_SANDBOX_HTTP_PORT),
      SANDBOX_SIP_PORT: String(sandboxSettings.BENCH_SANDBOX_SIP_PORT),
      SANDBOX_RTP_START: String(sandboxSettings.BENCH_SANDBOX_RTP_START),
      SANDBOX_RTP_END: String(sandboxSettings.BENCH_SANDBOX_RTP_END),
    };
    // The instance keeps credentials of its own (the suite's may be in the environment).
    delete env.ARI_PASSWORD;
    delete env.SIP_PHONE_PASSWORD;
    try {
      return execFileSync('bash', [SANDBOX_SCRIPT, ...args], { env, encoding: 'utf8', stdio: 'pipe' });
    } catch (error) {
      // `status` exits 3 when not running: its output still says so.
      if (args[0] === 'status') return 'not running';
      throw error;
    }
  }
}

// ---------------------------------------------------------------------------------------- ARI

export async function ariGet<S extends z.ZodType>(
  ari: AriConfig,
  path: string,
  schema: S,
): Promise<z.output<S>> {
  const response = await fetch(`${ari.ariUrl}/ari${path}`, {
    headers: { authorization: authHeader(ari) },
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) throw new Error(`ARI GET ${path}: HTTP ${response.status}`);
  return schema.parse(await response.json());
}

const named = z.array(z.object({ name: z.string() }).loose());
const withId = z.array(z.object({ id: z.string() }).loose());

export async function waitForApp(ari: AriConfig, app: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await ariGet(ari, '/applications', named)).some((a) => a.name === app)) {
    if (Date.now() > deadline) throw new Error(`Stasis app ${app} not registered after ${timeoutMs} ms`);
    await sleep(100);
  }
}

/** Waits until Asterisk has no channel left; returns how many are still there after `timeoutMs`. */
export async function waitForNoChannels(ari: AriConfig, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const channels = await ariGet(ari, '/channels', withId);
    if (channels.length === 0 || Date.now() > deadline) return channels.length;
    await sleep(500);
  }
}

// -------------------------------------------------------------------------------------- /proc

/** Clock ticks per second of /proc/<pid>/stat times. */
const clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** User + system CPU seconds of a process (all its threads), or undefined once it is gone. */
export function processCpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses: fields are counted after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of stat(5); here indexes 11 and 12.
    return (Number(fields[11]) + Number(fields[12])) / clockTicks;
  } catch {
    return undefined;
  }
}

/** VmRSS and VmHWM (peak) in bytes, or undefined once the process is gone. */
export function processMemory(pid: number): { rss: number; hwm: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) =>
      Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
    return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
  } catch {
    return undefined;
  }
}

/** Busy and total CPU seconds of the whole machine (all cores) since boot, from /proc/stat. */
export function machineCpu(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const values = line.trim().split(/\s+/).slice(1, 9).map(Number);
  const total = values.reduce((sum, v) => sum + v, 0);
  // idle + iowait
  const idle = (values[3] ?? 0) + (values[4] ?? 0);
  return { busy: (total - idle) / clockTicks, total: total / clockTicks };
}

/**
 * Samples the resident memory of some processes every `intervalMs` (reading /proc costs the measured
 * processes nothing, unlike scraping them).
 */
export class RssSampler {
  readonly peak = new Map<number, number>();
  readonly series: { at: number; rss: Map<number, number> }[] = [];
  readonly #timer: NodeJS.Timeout;

  constructor(
    private readonly pids: number[],
    intervalMs: number,
    private readonly keepSeries = false,
  ) {
    this.#sample();
    this.#timer = setInterval(() => this.#sample(), intervalMs);
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#sample();
  }

  #sample(): void {
    const now = new Map<number, number>();
    for (const pid of this.pids) {
      const memory = processMemory(pid);
      if (memory === undefined) continue;
      now.set(pid, memory.rss);
      this.peak.set(pid, Math.max(this.peak.get(pid) ?? 0, memory.rss));
    }
    if (this.keepSeries) this.series.push({ at: Date.now(), rss: now });
  }
}

// ------------------------------------------------------------------------------- Prometheus

export interface Sample {
  labels: Record<string, string>;
  value: number;
}

/** Parses the Prometheus text format into samples by metric name (enough for the runtime's own output). */
export function parsePrometheus(text: string): Map<string, Sample[]> {
  const out = new Map<string, Sample[]>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)/.exec(line);
    if (match === null) continue;
    const [, name = '', labelText = '', value = ''] = match;
    const labels: Record<string, string> = {};
    for (const label of labelText.matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g))
      labels[label[1] ?? ''] = label[2] ?? '';
    const list = out.get(name) ?? [];
    list.push({ labels, value: value === '+Inf' ? Number.POSITIVE_INFINITY : Number(value) });
    out.set(name, list);
  }
  return out;
}

export async function scrape(url: string): Promise<Map<string, Sample[]>> {
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`GET ${url}: HTTP ${response.status}`);
  return parsePrometheus(await response.text());
}

/** Sum of a metric's samples whose labels include `match`. */
export function metricSum(
  metrics: Map<string, Sample[]>,
  name: string,
  match: Record<string, string> = {},
): number {
  return (metrics.get(name) ?? [])
    .filter((s) => Object.entries(match).every(([k, v]) => s.labels[k] === v))
    .reduce((sum, s) => sum + s.value, 0);
}

/** Cumulative bucket counts of a histogram, by upper bound (ascending, +Inf last). */
export function histogramBuckets(
  metrics: Map<string, Sample[]>,
  name: string,
): { le: number; count: number }[] {
  return (metrics.get(`${name}_bucket`) ?? [])
    .map((s) => ({
      le: s.labels.le === '+Inf' ? Number.POSITIVE_INFINITY : Number(s.labels.le),
      count: s.value,
    }))
    .sort((a, b) => a.le - b.le);
}

/** after − before, bucket by bucket: the observations made between two scrapes. */
export function bucketDelta(
  before: { le: number; count: number }[],
  after: { le: number; count: number }[],
): { le: number; count: number }[] {
  return after.map((b) => ({ le: b.le, count: b.count - (before.find((x) => x.le === b.le)?.count ?? 0) }));
}

/**
 * Like PromQL's histogram_quantile: linear interpolation inside the bucket that holds the quantile.
 * `aboveLast` when it falls in the +Inf bucket (the answer is then only "more than the last bound").
 */
export function histogramQuantile(
  buckets: { le: number; count: number }[],
  q: number,
): { value: number; aboveLast: boolean } | undefined {
  const total = buckets.at(-1)?.count ?? 0;
  if (total === 0) return undefined;
  const rank = q * total;
  let lowerBound = 0;
  let lowerCount = 0;
  for (const bucket of buckets) {
    if (bucket.count >= rank) {
      if (!Number.isFinite(bucket.le)) return { value: lowerBound, aboveLast: true };
      const inBucket = bucket.count - lowerCount;
      const fraction = inBucket === 0 ? 1 : (rank - lowerCount) / inBucket;
      return { value: lowerBound + (bucket.le - lowerBound) * fraction, aboveLast: false };
    }
    lowerBound = bucket.le;
    lowerCount = bucket.count;
  }
  return undefined;
}

/** The upper bound of the highest non-empty bucket: what the histogram alone can say about the max. */
export function histogramMaxBound(buckets: { le: number; count: number }[]): number | undefined {
  let previous = 0;
  let bound: number | undefined;
  for (const bucket of buckets) {
    if (bucket.count > previous) bound = bucket.le;
    previous = bucket.count;
  }
  return bound;
}

/** Nearest-rank quantile of exact values. */
export function quantile(values: readonly number[], q: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

// ------------------------------------------------------------------------------------ runtime

export interface RuntimeOptions {
  ari: AriConfig;
  /** Loads stepLatencyRecorder.ts into the runtime (every latency observation, for the exact max). */
  recordLatency: boolean;
  /** Log file name under ARTIFACTS. */
  logName: string;
}

/** The Callflow runtime as a child process with a throw-away SQLite database, at its production log level. */
export class RuntimeProcess {
  #child: ChildProcess | undefined;
  #db: Database | undefined;
  metricsUrl = '';
  recorderUrl = '';
  readonly logFile: string;

  constructor(private readonly options: RuntimeOptions) {
    this.logFile = join(ARTIFACTS, options.logName);
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
    const databaseUrl = `file:${join(await mkdtemp(join(tmpdir(), 'callflow-bench-')), 'bench.db')}`;
    await migrateDatabase(databaseUrl);
    this.#db = await openDatabase(databaseUrl);
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(this.logFile, '');
    // The runtime writes its log straight into the file: no pipe through this process, whose CPU the
    // measured processes share.
    const log = openSync(this.logFile, 'a');
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ARI_URL: this.options.ari.ariUrl,
      ARI_USERNAME: this.options.ari.username,
      ARI_PASSWORD: this.options.ari.password,
      DATABASE_URL: databaseUrl,
      CALLFLOW_LOG_LEVEL: 'info',
      CALLFLOW_METRICS_PORT: '0',
    };
    for (const name of ['ARI_SERVERS', 'ARI_SERVERS_FILE', 'ARI_PASSWORD_FILE', 'CALLFLOW_POLL_MS'])
      delete env[name];
    const recorder = this.options.recordLatency
      ? ['--import', join(REPO_ROOT, 'e2e/benchmarks/load/stepLatencyRecorder.ts')]
      : [];
    // E.g. BENCH_RUNTIME_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to see where the CPU goes.
    const nodeArgs = (process.env.BENCH_RUNTIME_NODE_ARGS ?? '').split(' ').filter((a) => a !== '');
    this.#child = spawn(
      process.execPath,
      [...nodeArgs, '--import', 'tsx', ...recorder, 'apps/runtime/src/main.ts'],
      {
        cwd: REPO_ROOT,
        env,
        stdio: ['ignore', log, log],
      },
    );
    closeSync(log);
    const deadline = Date.now() + 30_000;
    for (;;) {
      const text = readFileSync(this.logFile, 'utf8');
      this.metricsUrl = /Prometheus metrics served .*?url=(\S+)/.exec(text)?.[1] ?? '';
      this.recorderUrl = /step latency recorder at (\S+)/.exec(text)?.[1] ?? '';
      if (text.includes('runtime started') && this.metricsUrl !== '') break;
      if (this.#child.exitCode !== null || Date.now() > deadline)
        throw new Error(`the runtime did not start; its log:\n${text.slice(-3000)}`);
      await sleep(100);
    }
    if (this.options.recordLatency && this.recorderUrl === '')
      throw new Error('the step latency recorder did not load into the runtime');
  }

  /** Publishes like the CLI and waits until Asterisk lists the extension's app. */
  async publish(extension: string, document: FlowDocument): Promise<void> {
    await publishFlow(this.db, {
      name: `bench-${extension}`,
      document,
      extension,
      note: 'load benchmark',
      author: null,
      replace: true,
    });
    await waitForApp(this.options.ari, `callflow-${extension}`);
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
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const m = await this.metrics();
      if (
        metricSum(m, 'callflow_calls_in_progress') === 0 &&
        metricSum(m, 'callflow_call_log_rows_buffered') === 0
      )
        return true;
      if (Date.now() > deadline) return false;
      await sleep(250);
    }
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
    const child = this.#child;
    if (child !== undefined && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(15_000)]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    await this.#db?.close();
  }
}

const samplesResponse = z.object({ samples: z.array(z.number()) });

async function drainSamples(url: string): Promise<number[]> {
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`GET ${url}: HTTP ${response.status}`);
  return samplesResponse.parse(await response.json()).samples;
}

// ----------------------------------------------------------------------------------- baseline

export const baselineStats = z.object({
  cpuSeconds: z.number(),
  rssBytes: z.number(),
  maxRssBytes: z.number(),
  started: z.number(),
  completed: z.number(),
  failed: z.number(),
  callerHangup: z.number(),
  requests: z.number(),
  inProgress: z.number(),
});
export type BaselineStats = z.output<typeof baselineStats>;

const baselineReady = z.object({ ready: z.literal(true), url: z.string() });

/** baselineAri.ts as a child process. */
export class BaselineProcess {
  #child: ChildProcess | undefined;
  #url = '';

  constructor(
    private readonly ari: AriConfig,
    private readonly app: string,
  ) {}

  get pid(): number {
    const pid = this.#child?.pid;
    if (pid === undefined) throw new Error('baseline not started');
    return pid;
  }

  async start(): Promise<void> {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ARI_URL: this.ari.ariUrl,
      ARI_USERNAME: this.ari.username,
      ARI_PASSWORD: this.ari.password,
      BASELINE_APP: this.app,
      BASELINE_STATS_PORT: '0',
    };
    const nodeArgs = (process.env.BENCH_BASELINE_NODE_ARGS ?? '').split(' ').filter((a) => a !== '');
    const child = spawn(
      process.execPath,
      [...nodeArgs, '--import', 'tsx', 'e2e/benchmarks/load/baselineAri.ts'],
      {
        cwd: REPO_ROOT,
        env,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    this.#child = child;
    this.#url = await new Promise<string>((resolve, reject) => {
      let buffered = '';
      const timer = setTimeout(() => reject(new Error('the baseline did not start within 30 s')), 30_000);
      child.once('exit', (code) => reject(new Error(`the baseline exited with ${code} before it was ready`)));
      // Kept like the runtime's log, so node flags that print (--trace-gc, --trace-opt) can be read.
      mkdirSync(ARTIFACTS, { recursive: true });
      const log = createWriteStream(join(ARTIFACTS, 'baseline-load.log'));
      child.stdout?.pipe(log);
      child.stdout?.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        for (const line of buffered.split('\n').slice(0, -1)) {
          const ready = baselineReady.safeParse(safeJson(line));
          if (ready.success) {
            clearTimeout(timer);
            resolve(ready.data.url);
          }
        }
        buffered = buffered.slice(buffered.lastIndexOf('\n') + 1);
      });
    });
    await waitForApp(this.ari, this.app);
  }

  async stats(): Promise<BaselineStats> {
    const response = await fetch(`${this.#url}/stats`, { signal: AbortSignal.timeout(10_000) });
    if (!response.ok) throw new Error(`baseline /stats: HTTP ${response.status}`);
    return baselineStats.parse(await response.json());
  }

  async drainLatency(): Promise<number[]> {
    return drainSamples(`${this.#url}/latency`);
  }

  async waitIdle(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while ((await this.stats()).inProgress > 0) {
      if (Date.now() > deadline) return false;
      await sleep(250);
    }
    return true;
  }

  async stop(): Promise<void> {
    const child = this.#child;
    if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await Promise.race([exited, sleep(5_000)]);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

// --------------------------------------------------------------------------------------- sipp

export interface SippLoadOptions {
  target: string;
  extension: string;
  calls: number;
  /** New calls per second. */
  rate: number;
  /** At most this many calls at once. */
  limit: number;
  /** How long the caller listens after the answer before pressing 1. */
  pauseMs: number;
  name: string;
  /** Local SIP port and media port (sipp uses a few above it). */
  sipPort: number;
  mediaPort: number;
  /** Kills sipp after this long. */
  timeoutMs: number;
  /** Called about once a second with sipp's statistics so far. */
  onStats?: (stats: SippStats) => void;
}

export interface SippStats {
  created: number;
  successful: number;
  failed: number;
  current: number;
  retransmissions: number;
  /** Mean INVITE → 200 OK time (ms) over the run, from the `rtd` timer. */
  answerMeanMs: number | undefined;
  /** sipp's failure counters that are not zero (FailedTimeoutOnRecv, FailedUnexpectedMessage...). */
  failures: Record<string, number>;
}

export interface SippLoadResult {
  stats: SippStats;
  exitCode: number | null;
  timedOut: boolean;
  /** Highest CurrentCall seen in sipp's per-second statistics. */
  peakConcurrent: number;
  cpuSeconds: number;
  errors: string;
}

/**
 * The caller's side: one sipp process placing `calls` calls at `rate` per second; each listens for
 * `pauseMs`, presses 1 (RFC 4733) and waits for Asterisk's BYE.
 */
export async function runSippLoad(options: SippLoadOptions): Promise<SippLoadResult> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const base = join(ARTIFACTS, options.name);
  const scenario = `${base}.xml`;
  const statFile = `${base}.stats.csv`;
  const errorFile = `${base}.errors.log`;
  writeFileSync(
    scenario,
    await buildCallerScenario({
      extension: options.extension,
      script: [{ pauseMs: options.pauseMs }, { dtmf: '1' }],
      expectRemoteHangup: true,
      from: 'sipp',
    }),
  );
  for (const file of [statFile, errorFile]) writeFileSync(file, '');
  const args = [
    options.target,
    '-sf',
    scenario,
    '-s',
    options.extension,
    '-m',
    String(options.calls),
    '-r',
    String(options.rate),
    '-rp',
    '1000',
    '-l',
    String(options.limit),
    '-i',
    '127.0.0.1',
    '-p',
    String(options.sipPort),
    '-mp',
    String(options.mediaPort),
    '-nostdin',
    '-timeout',
    `${Math.ceil(options.timeoutMs / 1000)}s`,
    '-trace_stat',
    '-stf',
    statFile,
    '-fd',
    '1',
    '-trace_err',
    '-error_file',
    errorFile,
  ];
  const child = spawn(SIPP_BIN, args, { cwd: ARTIFACTS, stdio: 'ignore' });
  const pid = child.pid;
  let cpuSeconds = 0;
  let peakConcurrent = 0;
  let timedOut = false;
  const watch = setInterval(() => {
    if (pid !== undefined) cpuSeconds = processCpuSeconds(pid) ?? cpuSeconds;
    const stats = readSippStats(statFile);
    if (stats !== undefined) {
      peakConcurrent = Math.max(peakConcurrent, stats.current);
      options.onStats?.(stats);
    }
  }, 1000);
  const killer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, options.timeoutMs + 15_000);
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => resolve(code));
  });
  clearInterval(watch);
  clearTimeout(killer);
  const stats = readSippStats(statFile);
  if (stats === undefined) throw new Error(`sipp wrote no statistics (exit ${exitCode}); see ${errorFile}`);
  peakConcurrent = Math.max(peakConcurrent, stats.current);
  const errors = existsSync(errorFile) ? cleanSippErrors(readFileSync(errorFile, 'utf8')) : '';
  return { stats, exitCode, timedOut, peakConcurrent, cpuSeconds, errors };
}

/** The last line of sipp's -trace_stat CSV (`;`-separated, a header line first). */
export function readSippStats(file: string): SippStats | undefined {
  if (!existsSync(file)) return undefined;
  const lines = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');
  const header = lines[0]?.split(';');
  const last = lines.at(-1)?.split(';');
  if (header === undefined || last === undefined || lines.length < 2) return undefined;
  const column = (name: string): number | undefined => {
    const index = header.indexOf(name);
    return index < 0 ? undefined : Number(last[index]);
  };
  const failures: Record<string, number> = {};
  header.forEach((name, index) => {
    const value = Number(last[index]);
    if (name.startsWith('Failed') && name.endsWith('(C)') && name !== 'FailedCall(C)' && value > 0)
      failures[name.slice(0, -3)] = value;
  });
  const rtd = last[header.indexOf('ResponseTime1(C)')];
  return {
    created: column('TotalCallCreated') ?? 0,
    successful: column('SuccessfulCall(C)') ?? 0,
    failed: column('FailedCall(C)') ?? 0,
    current: column('CurrentCall') ?? 0,
    retransmissions: column('Retransmissions(C)') ?? 0,
    answerMeanMs: rtd === undefined ? undefined : sippDurationMs(rtd),
    failures,
  };
}

/** sipp prints durations as HH:MM:SS:mmm[uuu]. */
function sippDurationMs(text: string): number | undefined {
  const parts = text.split(':').map(Number);
  if (parts.length < 4 || parts.some(Number.isNaN)) return undefined;
  const [h = 0, m = 0, s = 0, rest = 0] = parts;
  const fraction = text.split(':')[3] ?? '';
  // "123" are ms; "123456" are ms then µs.
  const ms = fraction.length > 3 ? rest / 10 ** (fraction.length - 3) : rest;
  return ((h * 60 + m) * 60 + s) * 1000 + ms;
}

/** sipp logs every `recv ... timeout` that jumps to its label (how the scenario waits): not errors. */
function cleanSippErrors(text: string): string {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '' && !/receive timeout on message .* jumping to label/.test(line))
    .filter((line) => line.trim() !== 'The following events occurred:')
    .slice(0, 20)
    .join('\n');
}

// ------------------------------------------------------------------------------------ reports

export const fmt = {
  ms: (value: number | undefined, digits = 2): string =>
    value === undefined ? '–' : `${value.toFixed(digits)} ms`,
  mb: (bytes: number | undefined): string =>
    bytes === undefined ? '–' : `${(bytes / 1048576).toFixed(1)} MB`,
  ratio: (value: number | undefined): string =>
    value === undefined || !Number.isFinite(value) ? '–' : `${value.toFixed(2)}×`,
};

/** Prints rows as an aligned Markdown table. */
export function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  console.log(line(header));
  console.log(`| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`);
  for (const row of rows) console.log(line(row));
}
