// Load benchmark (issue 5): the same IVR under 50, 100, 200 and 300 concurrent sipp calls, served (a)
// by the Callflow runtime and (b) by a minimal hand-written ARI program (baselineAri.ts), in the same
// run on the same Asterisk. Per step and per program: calls attempted / completed / failed (sipp and
// the program's own log), CPU per call, peak RSS, per-step latency (event → next ARI request) p50 /
// p99 / max, Asterisk's CPU over the same window, and the runtime's figures divided by the baseline's.
//
// Run (root, sipp installed): npm run bench:load [-- 50,100,200,300] [--rate 20] [--hold-ms 9000] [--warmup 10]
//   [--rounds 1] [--paired]
// It starts its own sandbox instance (see loadSupport.ts for ports) unless it is already running.
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { benchFlowDocument, COMPLETED_STEP_COUNT } from './benchFlow.ts';
import {
  BaselineProcess,
  type BaselineStats,
  bucketDelta,
  fmt,
  histogramBuckets,
  histogramMaxBound,
  histogramQuantile,
  LoadSandbox,
  machineCpu,
  metricSum,
  printTable,
  processCpuSeconds,
  processMemory,
  quantile,
  RssSampler,
  RuntimeProcess,
  runSippLoad,
  type Sample,
  sleep,
  waitForNoChannels,
} from './loadSupport.ts';

const { values, positionals } = parseArgs({
  args: process.argv.slice(2),
  allowPositionals: true,
  options: {
    rate: { type: 'string' },
    'hold-ms': { type: 'string' },
    warmup: { type: 'string' },
    rounds: { type: 'string' },
    paired: { type: 'boolean' },
  },
});
const settings = z
  .object({
    steps: z
      .string()
      .regex(/^\d+(,\d+)*$/, 'steps: comma-separated numbers of concurrent calls, e.g. 50,100,200,300')
      .transform((text) => text.split(',').map(Number)),
    rate: z.coerce.number().positive().max(200),
    holdMs: z.coerce.number().int().min(1000),
    warmup: z.coerce.number().int().min(0),
    /** Each step this many times, the order of the two programs alternating (noise shows as a range). */
    rounds: z.coerce.number().int().min(1).max(10),
    /**
     * Both programs at once, each with its own sipp, instead of back to back: the machine's slow swings
     * in speed then hit both alike (Asterisk carries twice the calls).
     */
    paired: z.boolean(),
  })
  .parse({
    steps: positionals[0] ?? '50,100,200,300',
    rate: values.rate ?? 20,
    holdMs: values['hold-ms'] ?? 9000,
    warmup: values.warmup ?? 10,
    rounds: values.rounds ?? 1,
    paired: values.paired ?? false,
  });

const RUNTIME_EXTENSION = '7991';
const BASELINE_EXTENSION = '7992';
/** sipp's SIP and RTP ports for each program (both run at once with --paired). */
const SIPP_PORTS: Record<'runtime' | 'baseline', { sip: number; media: number }> = {
  runtime: { sip: 24100, media: 24200 },
  baseline: { sip: 24101, media: 24300 },
};
const STEP_LATENCY = 'callflow_engine_step_latency_seconds';
/** The largest step the benchmark is run with: as many calls at once as a warm-up batch places. */
const WARMUP_BATCH = 300;

type Program = 'runtime' | 'baseline';

interface Snapshot {
  cpuSeconds: number;
  started: number;
  /** Calls ended, by outcome (runtime) or completed / failed / callerHangup (baseline). */
  ended: Record<string, number>;
  ariRequests: number;
  buckets: { le: number; count: number }[];
  ariSeconds: number;
  ariCount: number;
}

function runtimeSnapshot(metrics: Map<string, Sample[]>): Snapshot {
  const ended: Record<string, number> = {};
  for (const sample of metrics.get('callflow_calls_ended_total') ?? []) {
    const outcome = sample.labels.outcome ?? '?';
    ended[outcome] = (ended[outcome] ?? 0) + sample.value;
  }
  return {
    cpuSeconds: metricSum(metrics, 'process_cpu_seconds_total'),
    started: metricSum(metrics, 'callflow_calls_started_total'),
    ended,
    // GETs are the runtime's periodic status checks, not work for calls.
    ariRequests:
      metricSum(metrics, 'callflow_ari_requests_total') -
      metricSum(metrics, 'callflow_ari_requests_total', { method: 'GET' }),
    buckets: histogramBuckets(metrics, STEP_LATENCY),
    ariSeconds: metricSum(metrics, 'callflow_ari_request_duration_seconds_sum'),
    ariCount: metricSum(metrics, 'callflow_ari_request_duration_seconds_count'),
  };
}

function baselineSnapshot(stats: BaselineStats): Snapshot {
  return {
    cpuSeconds: stats.cpuSeconds,
    started: stats.started,
    ended: { completed: stats.completed, failed: stats.failed, caller_hangup: stats.callerHangup },
    ariRequests: stats.requests,
    buckets: [],
    ariSeconds: 0,
    ariCount: 0,
  };
}

interface RunResult {
  program: Program;
  concurrent: number;
  /** 1, 2, ... with --rounds. */
  round: number;
  pauseMs: number;
  windowSeconds: number;
  sipp: {
    attempted: number;
    completed: number;
    failed: number;
    peakConcurrent: number;
    retransmissions: number;
    answerMeanMs: number | undefined;
    failures: Record<string, number>;
    cpuSeconds: number;
    exitCode: number | null;
    errors: string;
  };
  /** From the program's own log: the runtime's call log, the baseline's counters. */
  log: { started: number; completed: number; other: Record<string, number> };
  cpuSeconds: number;
  cpuPerCallMs: number;
  /** CPU per call without what the program spends idle over the same window (timers, polling). */
  cpuPerCallNetMs: number;
  peakRssBytes: number;
  ariRequestsPerCall: number;
  /** Mean ARI request duration as the runtime measures it (the baseline does not time its requests). */
  ariRequestMeanMs: number | undefined;
  latency: {
    observations: number;
    p50Ms: number | undefined;
    p99Ms: number | undefined;
    maxMs: number | undefined;
    /** The runtime's histogram (what a Prometheus would show): interpolated p50 / p99, bound of the max. */
    histogramP50Ms?: number | undefined;
    histogramP99Ms?: number | undefined;
    histogramMaxBoundMs?: number | undefined;
  };
  asterisk: { cpuSeconds: number; coreShare: number };
  machine: { busyShare: number; load1: number };
  leftChannels: number;
}

/** One program's figures for one run, before the round and the channels left are known. */
type RunFigures = Omit<RunResult, 'round' | 'leftChannels'>;

const sandbox = new LoadSandbox();
await sandbox.start();
const ari = sandbox.ari;
const asteriskPid = sandbox.asteriskPid;
const runtime = new RuntimeProcess({ ari, recordLatency: true, logName: 'runtime-load.log' });
const baseline = new BaselineProcess(ari, `callflow-${BASELINE_EXTENSION}`);

let idle: Record<Program, number> = { runtime: 0, baseline: 0 };

async function snapshot(program: Program): Promise<Snapshot> {
  return program === 'runtime'
    ? runtimeSnapshot(await runtime.metrics())
    : baselineSnapshot(await baseline.stats());
}

/** Waits (up to 30 s) until the calls of the run before have left Asterisk. */
async function waitForQuietAsterisk(name: string): Promise<void> {
  const left = await waitForNoChannels(ari, 30_000);
  if (left > 0) console.warn(`warning: ${left} channels still in Asterisk before ${name}`);
}

/**
 * Both programs under the same load, at once (--paired) or one after the other in `order`; each run
 * starts once Asterisk is quiet, and the channels left are counted once its calls are over.
 */
async function runPrograms(
  order: readonly Program[],
  concurrent: number,
  name: (program: Program) => string,
): Promise<Omit<RunResult, 'round'>[]> {
  if (settings.paired) {
    await waitForQuietAsterisk(name(order[0] ?? 'runtime'));
    const runs = await Promise.all(order.map((program) => run(program, concurrent, name(program))));
    const leftChannels = await waitForNoChannels(ari, 10_000);
    return runs.map((ran) => ({ ...ran, leftChannels }));
  }
  const runs: Omit<RunResult, 'round'>[] = [];
  for (const program of order) {
    await waitForQuietAsterisk(name(program));
    const ran = await run(program, concurrent, name(program));
    runs.push({ ...ran, leftChannels: await waitForNoChannels(ari, 10_000) });
    await sleep(3000);
  }
  return runs;
}

/** One program under one step's load; `leftChannels` is filled in by runPrograms once the calls are over. */
async function run(program: Program, concurrent: number, name: string): Promise<RunFigures> {
  const target = program === 'runtime' ? runtime : baseline;
  const rampMs = (concurrent / settings.rate) * 1000;
  // Every call must still be up when the last one is placed: hold for the ramp plus a margin.
  const pauseMs = Math.max(settings.holdMs, Math.ceil(rampMs) + 3000);
  const since = new Date();
  const before = await snapshot(program);
  await target.drainLatency();
  const asteriskBefore = processCpuSeconds(asteriskPid) ?? 0;
  const machineBefore = machineCpu();
  const rss = new RssSampler([target.pid], 250);
  const started = performance.now();
  const sipp = await runSippLoad({
    target: sandbox.sipTarget,
    extension: program === 'runtime' ? RUNTIME_EXTENSION : BASELINE_EXTENSION,
    calls: concurrent,
    rate: settings.rate,
    limit: concurrent,
    pauseMs,
    name,
    sipPort: SIPP_PORTS[program].sip,
    mediaPort: SIPP_PORTS[program].media,
    timeoutMs: rampMs + pauseMs + 90_000,
  });
  const settled = await target.waitIdle(30_000);
  const windowSeconds = (performance.now() - started) / 1000;
  rss.stop();
  const after = await snapshot(program);
  const asteriskAfter = processCpuSeconds(asteriskPid) ?? asteriskBefore;
  const machineAfter = machineCpu();
  const samples = await target.drainLatency();
  if (!settled)
    console.warn(`warning: ${program} still had calls in progress 30 s after sipp ended (${name})`);

  let log: RunResult['log'];
  if (program === 'runtime') {
    const calls = await runtime.callLog(RUNTIME_EXTENSION, since, COMPLETED_STEP_COUNT);
    const other: Record<string, number> = { ...calls.byOutcome };
    delete other.completed;
    // Completed but by another path (the caller's 1 never arrived): a failed call for this benchmark.
    const shortPath = (calls.byOutcome.completed ?? 0) - calls.fullPath;
    if (shortPath > 0) other.completed_without_menu_1 = shortPath;
    log = { started: calls.total, completed: calls.fullPath, other };
  } else {
    const other: Record<string, number> = {};
    for (const outcome of ['failed', 'caller_hangup']) {
      const count = (after.ended[outcome] ?? 0) - (before.ended[outcome] ?? 0);
      if (count > 0) other[outcome] = count;
    }
    log = {
      started: after.started - before.started,
      completed: (after.ended.completed ?? 0) - (before.ended.completed ?? 0),
      other,
    };
  }

  const attempted = Math.max(1, sipp.stats.created);
  const buckets = bucketDelta(before.buckets, after.buckets);
  const fromHistogram = (q: number) => {
    const result = histogramQuantile(buckets, q);
    return result === undefined ? undefined : result.value * 1000;
  };
  const maxBound = histogramMaxBound(buckets);
  const ariCount = after.ariCount - before.ariCount;
  return {
    program,
    concurrent,
    pauseMs,
    windowSeconds,
    sipp: {
      attempted: sipp.stats.created,
      completed: sipp.stats.successful,
      failed: sipp.stats.failed,
      peakConcurrent: sipp.peakConcurrent,
      retransmissions: sipp.stats.retransmissions,
      answerMeanMs: sipp.stats.answerMeanMs,
      failures: sipp.stats.failures,
      cpuSeconds: sipp.cpuSeconds,
      exitCode: sipp.exitCode,
      errors: sipp.errors,
    },
    log,
    cpuSeconds: after.cpuSeconds - before.cpuSeconds,
    cpuPerCallMs: ((after.cpuSeconds - before.cpuSeconds) / attempted) * 1000,
    cpuPerCallNetMs:
      ((after.cpuSeconds - before.cpuSeconds - idle[program] * windowSeconds) / attempted) * 1000,
    peakRssBytes: rss.peak.get(target.pid) ?? 0,
    ariRequestsPerCall: (after.ariRequests - before.ariRequests) / attempted,
    ariRequestMeanMs: ariCount > 0 ? ((after.ariSeconds - before.ariSeconds) / ariCount) * 1000 : undefined,
    latency: {
      observations: samples.length,
      p50Ms: quantile(samples, 0.5),
      p99Ms: quantile(samples, 0.99),
      maxMs: quantile(samples, 1),
      ...(program === 'runtime'
        ? {
            histogramP50Ms: fromHistogram(0.5),
            histogramP99Ms: fromHistogram(0.99),
            histogramMaxBoundMs: maxBound === undefined ? undefined : maxBound * 1000,
          }
        : {}),
    },
    asterisk: {
      cpuSeconds: asteriskAfter - asteriskBefore,
      coreShare: (asteriskAfter - asteriskBefore) / windowSeconds,
    },
    machine: {
      busyShare:
        (machineAfter.busy - machineBefore.busy) / Math.max(1e-9, machineAfter.total - machineBefore.total),
      load1: loadavg()[0] ?? 0,
    },
  };
}

/** CPU seconds per second each program uses while no call runs (polling, heartbeats, timers). */
async function idleCpu(seconds: number): Promise<Record<Program, number>> {
  const runtimeBefore = processCpuSeconds(runtime.pid) ?? 0;
  const baselineBefore = processCpuSeconds(baseline.pid) ?? 0;
  await sleep(seconds * 1000);
  return {
    runtime: ((processCpuSeconds(runtime.pid) ?? 0) - runtimeBefore) / seconds,
    baseline: ((processCpuSeconds(baseline.pid) ?? 0) - baselineBefore) / seconds,
  };
}

const results: RunResult[] = [];
let asteriskVersion = '?';
let runtimePeakRss: number | undefined;
try {
  asteriskVersion = sandbox.version();
  await runtime.start();
  await runtime.publish(RUNTIME_EXTENSION, benchFlowDocument());
  await baseline.start();
  console.log(
    `steps ${settings.steps.join(', ')} concurrent calls, ${settings.rate} calls/s, hold ≥ ${settings.holdMs} ms; ${asteriskVersion}`,
  );
  // JIT, connection pools and the call log warm up outside the measured windows. V8 optimises a
  // function once it has run often enough, and the runtime's per-call functions run once per call: a
  // long warm-up (hundreds of calls) gets both programs nearer to how they run after hours of calls.
  // Calls are placed in batches of at most WARMUP_BATCH.
  const warmupBatch = Math.max(1, Math.min(settings.warmup, WARMUP_BATCH));
  for (let done = 0, batch = 1; done < settings.warmup; done += warmupBatch, batch++) {
    const calls = Math.min(warmupBatch, settings.warmup - done);
    const warmed = await runPrograms(
      ['runtime', 'baseline'],
      calls,
      (program) => `warmup-${batch}-${program}`,
    );
    for (const warm of warmed)
      console.log(`warm-up ${warm.program}: ${warm.sipp.completed}/${warm.sipp.attempted} calls completed`);
  }
  idle = await idleCpu(10);
  for (const concurrent of settings.steps) {
    for (let round = 1; round <= settings.rounds; round++) {
      // Alternating which program goes first keeps a drift of the machine from favouring one of them.
      const order = round % 2 === 1 ? (['runtime', 'baseline'] as const) : (['baseline', 'runtime'] as const);
      const name = (program: Program) => `step-${concurrent}-r${round}-${program}`;
      for (const ran of await runPrograms(order, concurrent, name)) {
        const result: RunResult = { ...ran, round };
        results.push(result);
        console.log(
          `${concurrent} × ${result.program} (round ${round}${settings.paired ? ', paired' : ''}): sipp ${result.sipp.completed}/${result.sipp.attempted} ok, ${result.sipp.failed} failed, peak ${result.sipp.peakConcurrent} concurrent; CPU ${fmt.ms(result.cpuPerCallMs)}/call; p99 ${fmt.ms(result.latency.p99Ms, 3)}; Asterisk ${(result.asterisk.coreShare * 100).toFixed(0)}% of a core`,
        );
      }
    }
  }
  runtimePeakRss = processMemory(runtime.pid)?.hwm;
} finally {
  await baseline.stop();
  await runtime.stop();
  sandbox.stop();
}

// ------------------------------------------------------------------------------------ report
console.log('');
printTable(
  [
    'calls',
    'round',
    'program',
    'sipp ok / failed',
    'log completed / other',
    'peak conc.',
    'CPU / call (net of idle)',
    'peak RSS',
    'step p50',
    'step p99',
    'step max',
    'hist. p50 / p99 / max ≤',
    'Asterisk CPU',
    'machine busy',
  ],
  results.map((r) => [
    String(r.concurrent),
    String(r.round),
    r.program,
    `${r.sipp.completed} / ${r.sipp.failed}`,
    `${r.log.completed} / ${Object.values(r.log.other).reduce((a, b) => a + b, 0)}`,
    String(r.sipp.peakConcurrent),
    `${fmt.ms(r.cpuPerCallMs)} (${fmt.ms(r.cpuPerCallNetMs)})`,
    fmt.mb(r.peakRssBytes),
    fmt.ms(r.latency.p50Ms, 3),
    fmt.ms(r.latency.p99Ms, 3),
    fmt.ms(r.latency.maxMs, 1),
    r.program === 'runtime'
      ? `${fmt.ms(r.latency.histogramP50Ms, 3)} / ${fmt.ms(r.latency.histogramP99Ms, 3)} / ${fmt.ms(r.latency.histogramMaxBoundMs, 0)}`
      : '',
    `${r.asterisk.cpuSeconds.toFixed(1)} s (${(r.asterisk.coreShare * 100).toFixed(0)}% core)`,
    `${(r.machine.busyShare * 100).toFixed(0)}%`,
  ]),
);

const median = (values: number[]): number | undefined => {
  const sorted = values.filter((value) => Number.isFinite(value)).sort((x, y) => x - y);
  if (sorted.length === 0) return undefined;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};
const defined = (values: (number | undefined)[]): number[] =>
  values.filter((value): value is number => value !== undefined);

/**
 * Per step: runtime ÷ baseline in each round (the two ran back to back), then their median and range,
 * and the ratio of the CPU both spent over all rounds (which an outlier round moves more).
 */
const comparisons = settings.steps.map((concurrent) => {
  const rounds = Array.from({ length: settings.rounds }, (_, index) => {
    const ofRound = (program: Program) =>
      results.find((r) => r.concurrent === concurrent && r.round === index + 1 && r.program === program);
    return { ours: ofRound('runtime'), theirs: ofRound('baseline') };
  });
  const ratio = (a: number | undefined, b: number | undefined) =>
    a === undefined || b === undefined || b === 0 ? undefined : a / b;
  const cpuRatios = defined(
    rounds.map(({ ours, theirs }) => ratio(ours?.cpuPerCallMs, theirs?.cpuPerCallMs)),
  );
  const netRatios = defined(
    rounds.map(({ ours, theirs }) => ratio(ours?.cpuPerCallNetMs, theirs?.cpuPerCallNetMs)),
  );
  const summed = (program: 'ours' | 'theirs') => {
    const ran = defined(rounds.map((round) => round[program]?.cpuSeconds));
    const calls = defined(rounds.map((round) => round[program]?.sipp.attempted));
    return (
      ran.reduce((a, b) => a + b, 0) /
      Math.max(
        1,
        calls.reduce((a, b) => a + b, 0),
      )
    );
  };
  const p99s = (program: 'ours' | 'theirs') => defined(rounds.map((round) => round[program]?.latency.p99Ms));
  const oursP99 = median(p99s('ours'));
  const theirsP99 = median(p99s('theirs'));
  return {
    concurrent,
    cpuPerCallRatio: median(cpuRatios),
    cpuPerCallRatioRange:
      cpuRatios.length === 0 ? undefined : [Math.min(...cpuRatios), Math.max(...cpuRatios)],
    cpuPerCallNetRatio: median(netRatios),
    cpuPerCallSummedRatio: ratio(summed('ours'), summed('theirs')),
    p99Ratio: ratio(oursP99, theirsP99),
    p99AddedMs: oursP99 === undefined || theirsP99 === undefined ? undefined : oursP99 - theirsP99,
    failed: {
      runtime: defined(rounds.map(({ ours }) => failedCalls(ours))).reduce((a, b) => a + b, 0),
      baseline: defined(rounds.map(({ theirs }) => failedCalls(theirs))).reduce((a, b) => a + b, 0),
    },
  };
});

function failedCalls(result: RunResult | undefined): number | undefined {
  if (result === undefined) return undefined;
  const logFailed = Object.values(result.log.other).reduce((a, b) => a + b, 0);
  // A call sipp could not finish counts even when sipp does not call it failed (killed at its timeout).
  return Math.max(result.sipp.attempted - result.sipp.completed, logFailed);
}

console.log('');
printTable(
  [
    'calls',
    `CPU / call: runtime ÷ baseline (net of idle)${settings.rounds > 1 ? ', median [range] of rounds' : ''}`,
    'CPU summed over rounds: runtime ÷ baseline',
    'step p99: runtime ÷ baseline',
    'p99 added',
    'failed runtime / baseline',
  ],
  comparisons.map((c) => [
    String(c.concurrent),
    `${fmt.ratio(c.cpuPerCallRatio)} (${fmt.ratio(c.cpuPerCallNetRatio)})${
      settings.rounds > 1 && c.cpuPerCallRatioRange !== undefined
        ? ` [${fmt.ratio(c.cpuPerCallRatioRange[0])}–${fmt.ratio(c.cpuPerCallRatioRange[1])}]`
        : ''
    }`,
    fmt.ratio(c.cpuPerCallSummedRatio),
    fmt.ratio(c.p99Ratio),
    fmt.ms(c.p99AddedMs, 3),
    `${c.failed.runtime ?? '–'} / ${c.failed.baseline ?? '–'}`,
  ]),
);
console.log('');
console.log(
  `idle CPU: runtime ${(idle.runtime * 1000).toFixed(1)} ms/s, baseline ${(idle.baseline * 1000).toFixed(1)} ms/s; runtime VmHWM over the run ${fmt.mb(runtimePeakRss)}`,
);
for (const r of results) {
  const notes = [
    Object.keys(r.sipp.failures).length > 0 ? `sipp failures ${JSON.stringify(r.sipp.failures)}` : '',
    Object.keys(r.log.other).length > 0 ? `log ${JSON.stringify(r.log.other)}` : '',
    r.sipp.errors === '' ? '' : `sipp errors:\n${r.sipp.errors}`,
    r.leftChannels > 0 ? `${r.leftChannels} channels left in Asterisk` : '',
  ].filter((n) => n !== '');
  if (notes.length > 0) console.log(`${r.concurrent} × ${r.program} (round ${r.round}): ${notes.join('; ')}`);
}
console.log(
  JSON.stringify({
    benchmark: 'load',
    date: new Date().toISOString(),
    machine: {
      cores: cpus().length,
      cpu: cpus()[0]?.model ?? '?',
      node: process.version,
      asterisk: asteriskVersion,
    },
    settings,
    idleCpuSecondsPerSecond: idle,
    results,
    comparisons,
  }),
);
