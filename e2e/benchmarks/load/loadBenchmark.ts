// Load benchmark (issue 5): the same IVR under 50, 100, 200 and 300 concurrent sipp calls, served (a)
// by the Callflow runtime and (b) by a minimal hand-written ARI program (baselineAri.ts), in the same
// run on the same Asterisk. Per step and per program: calls attempted / completed / failed (sipp and
// the program's own log), CPU per call, peak RSS, per-step latency (event → next ARI request) p50 /
// p99 / max, Asterisk's CPU over the same window, and the runtime's figures divided by the baseline's.
//
// Run (root, sipp installed): npm run bench:load [-- 50,100,200,300] [--rate 20] [--hold-ms 9000] [--warmup 10]
//   [--rounds 1] [--paired]
// It starts its own sandbox instance (see loadSandbox.ts for ports) unless it is already running.
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { machineCpu, processCpuSeconds, processMemory, RssSampler } from '../../lib/procStats.ts';
import {
  bucketDelta,
  histogramBuckets,
  histogramMaxBound,
  histogramQuantile,
  metricSum,
  type Sample,
} from '../../lib/prometheus.ts';
import { fmt } from '../../lib/report.ts';
import { waitForIdle } from '../../lib/sandbox.ts';
import { runSippLoad } from '../../lib/sipp/sippLoad.ts';
import { quantile } from '../../lib/statistics.ts';
import { BaselineProcess, type BaselineStats } from './BaselineProcess.ts';
import { benchFlowDocument, COMPLETED_STEP_COUNT } from './benchFlow.ts';
import { type LoadSettings, type Program, printLoadReport, type RunResult } from './loadReport.ts';
import { LOAD_ARTIFACTS, startLoadSandbox } from './loadSandbox.ts';
import { RuntimeProcess } from './RuntimeProcess.ts';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

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
const settings: LoadSettings = z
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

/** One program's figures for one run, before the round and the channels left are known. */
type RunFigures = Omit<RunResult, 'round' | 'leftChannels'>;

const sandbox = await startLoadSandbox();
const ari = sandbox.ari;
const asteriskPid = sandbox.pid;
const runtime = new RuntimeProcess({ ari, recordLatency: true, logName: 'runtime-load.log' });
const baseline = new BaselineProcess(ari, `callflow-${BASELINE_EXTENSION}`);

let idle: Record<Program, number> = { runtime: 0, baseline: 0 };

async function snapshot(program: Program): Promise<Snapshot> {
  return program === 'runtime'
    ? runtimeSnapshot(await runtime.metrics())
    : baselineSnapshot(await baseline.stats());
}

/** Waits until Asterisk has no channel left; how many are still there after `timeoutMs`. */
async function channelsLeft(timeoutMs: number): Promise<number> {
  return (await waitForIdle(timeoutMs, { config: ari, pollMs: 500 })).channels.length;
}

/** Waits (up to 30 s) until the calls of the run before have left Asterisk. */
async function waitForQuietAsterisk(name: string): Promise<void> {
  const left = await channelsLeft(30_000);
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
    const leftChannels = await channelsLeft(10_000);
    return runs.map((ran) => ({ ...ran, leftChannels }));
  }
  const runs: Omit<RunResult, 'round'>[] = [];
  for (const program of order) {
    await waitForQuietAsterisk(name(program));
    const ran = await run(program, concurrent, name(program));
    runs.push({ ...ran, leftChannels: await channelsLeft(10_000) });
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
    artifactsDir: LOAD_ARTIFACTS,
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
  asteriskVersion = await sandbox.version();
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
  await sandbox.stop();
}

printLoadReport({ settings, results, idle, runtimePeakRss, asteriskVersion });
