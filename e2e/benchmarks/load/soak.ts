// Soak (issue 5): calls into the benchmark IVR through the runtime at a moderate rate for a long time
// (default 10 minutes); reports failed calls and the runtime's RSS over time, with its growth after
// the warm-up. Targets: 0 failed calls, RSS growth under 10 %.
//
// Run (root, sipp installed): npm run bench:soak [-- 10] [--rate 3] [--hold-ms 5000] [--warmup-min 1]
// It starts its own sandbox instance (see loadSandbox.ts for ports) unless it is already running.
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { processCpuSeconds, RssSampler } from '../../lib/procStats.ts';
import { metricSum } from '../../lib/prometheus.ts';
import { fmt, printTable } from '../../lib/report.ts';
import { waitForIdle } from '../../lib/sandbox.ts';
import { runSippLoad, type SippStats } from '../../lib/sipp/sippLoad.ts';
import { benchFlowDocument, COMPLETED_STEP_COUNT } from './benchFlow.ts';
import { LOAD_ARTIFACTS, startLoadSandbox } from './loadSandbox.ts';
import { RuntimeProcess } from './RuntimeProcess.ts';

const { values, positionals } = parseArgs({
  args: process.argv.slice(2),
  allowPositionals: true,
  options: {
    rate: { type: 'string' },
    'hold-ms': { type: 'string' },
    'warmup-min': { type: 'string' },
  },
});
const settings = z
  .object({
    minutes: z.coerce
      .number()
      .positive()
      .max(24 * 60),
    rate: z.coerce.number().positive().max(100),
    holdMs: z.coerce.number().int().min(1000),
    warmupMinutes: z.coerce.number().min(0),
  })
  .refine((s) => s.warmupMinutes + 1 < s.minutes, 'the soak must last at least a minute past the warm-up')
  .parse({
    minutes: positionals[0] ?? 10,
    rate: values.rate ?? 3,
    holdMs: values['hold-ms'] ?? 5000,
    warmupMinutes: values['warmup-min'] ?? 1,
  });

const EXTENSION = '7993';
const SAMPLE_MS = 5000;
const durationMs = settings.minutes * 60_000;
const calls = Math.round((durationMs / 1000) * settings.rate);

const sandbox = await startLoadSandbox();
const ari = sandbox.ari;
// No latency recorder here: its sample buffer would be memory the soak attributes to the runtime.
const runtime = new RuntimeProcess({ ari, recordLatency: false, logName: 'runtime-soak.log' });

interface Minute {
  minute: number;
  successful: number;
  failed: number;
  concurrent: number;
  rssBytes: number;
  heapBytes: number;
}

const minutes: Minute[] = [];
let rssSamples: { at: number; rss: number }[] = [];
let result: Awaited<ReturnType<typeof runSippLoad>> | undefined;
let callLog: Awaited<ReturnType<RuntimeProcess['callLog']>> | undefined;
let cpuSeconds = 0;
let leftChannels = 0;
let inProgressAfter = 0;
const load = { start: loadavg()[0] ?? 0, end: 0 };
const asteriskVersion = await sandbox.version();
try {
  await runtime.start();
  await runtime.publish(EXTENSION, benchFlowDocument());
  console.log(
    `soak: ${settings.minutes} min, ${settings.rate} calls/s (${calls} calls, each ≈ ${((settings.holdMs + 3500) / 1000).toFixed(1)} s), warm-up ${settings.warmupMinutes} min; ${asteriskVersion}`,
  );
  const since = new Date();
  const started = Date.now();
  const cpuBefore = processCpuSeconds(runtime.pid) ?? 0;
  const rss = new RssSampler([runtime.pid], SAMPLE_MS, true);
  let latest: SippStats | undefined;
  const ticker = setInterval(async () => {
    const minute = Math.round((Date.now() - started) / 60_000);
    const metrics = await runtime.metrics().catch(() => undefined);
    const entry: Minute = {
      minute,
      successful: latest?.successful ?? 0,
      failed: latest?.failed ?? 0,
      concurrent: latest?.current ?? 0,
      rssBytes: metrics === undefined ? 0 : metricSum(metrics, 'process_resident_memory_bytes'),
      heapBytes: metrics === undefined ? 0 : metricSum(metrics, 'nodejs_heap_used_bytes'),
    };
    minutes.push(entry);
    console.log(
      `${minute} min: ${entry.successful} ok, ${entry.failed} failed, ${entry.concurrent} in progress, RSS ${fmt.mb(entry.rssBytes)}, heap ${fmt.mb(entry.heapBytes)}`,
    );
  }, 60_000);
  result = await runSippLoad({
    target: sandbox.sipTarget,
    extension: EXTENSION,
    calls,
    rate: settings.rate,
    limit: 1000,
    pauseMs: settings.holdMs,
    name: 'soak',
    artifactsDir: LOAD_ARTIFACTS,
    sipPort: 24300,
    mediaPort: 24400,
    timeoutMs: durationMs + 120_000,
    onStats: (stats) => {
      latest = stats;
    },
  });
  clearInterval(ticker);
  await runtime.waitIdle(30_000);
  rss.stop();
  cpuSeconds = (processCpuSeconds(runtime.pid) ?? cpuBefore) - cpuBefore;
  inProgressAfter = metricSum(await runtime.metrics(), 'callflow_calls_in_progress');
  rssSamples = rss.series.map((s) => ({ at: s.at - started, rss: s.rss.get(runtime.pid) ?? 0 }));
  callLog = await runtime.callLog(EXTENSION, since, COMPLETED_STEP_COUNT);
  leftChannels = (await waitForIdle(10_000, { config: ari, pollMs: 500 })).channels.length;
  load.end = loadavg()[0] ?? 0;
} finally {
  await runtime.stop();
  await sandbox.stop();
}

// ------------------------------------------------------------------------------------ report
if (result === undefined || callLog === undefined) throw new Error('the soak did not run');
const warmupMs = settings.warmupMinutes * 60_000;
const afterWarmup = rssSamples.filter((s) => s.at >= warmupMs && s.rss > 0);
const mean = (list: { rss: number }[]) => list.reduce((sum, s) => sum + s.rss, 0) / Math.max(1, list.length);
// A minute's mean at each end, so one garbage collection does not decide the figure.
const firstMinute = afterWarmup.filter((s) => s.at < warmupMs + 60_000);
const lastAt = afterWarmup.at(-1)?.at ?? 0;
const lastMinute = afterWarmup.filter((s) => s.at > lastAt - 60_000);
const rssStart = mean(firstMinute);
const rssEnd = mean(lastMinute);
const rssMax = Math.max(...afterWarmup.map((s) => s.rss));
const growthPercent = rssStart > 0 ? ((rssEnd - rssStart) / rssStart) * 100 : Number.NaN;
const maxGrowthPercent = rssStart > 0 ? ((rssMax - rssStart) / rssStart) * 100 : Number.NaN;
const logFailed = callLog.total - callLog.fullPath;
const failed = Math.max(result.stats.created - result.stats.successful, logFailed);

console.log('');
printTable(
  ['minute', 'calls ok (sipp)', 'failed (sipp)', 'in progress', 'RSS', 'V8 heap used'],
  minutes.map((m) => [
    String(m.minute),
    String(m.successful),
    String(m.failed),
    String(m.concurrent),
    fmt.mb(m.rssBytes),
    fmt.mb(m.heapBytes),
  ]),
);
console.log('');
console.log(
  `calls: sipp ${result.stats.successful}/${result.stats.created} ok, ${result.stats.failed} failed; call log ${callLog.fullPath}/${callLog.total} completed the full path (${JSON.stringify(callLog.byOutcome)}); peak ${result.peakConcurrent} concurrent`,
);
console.log(
  `runtime RSS after ${settings.warmupMinutes} min warm-up: ${fmt.mb(rssStart)} (mean of the first minute) → ${fmt.mb(rssEnd)} (mean of the last minute): ${growthPercent.toFixed(1)} %; max ${fmt.mb(rssMax)} (+${maxGrowthPercent.toFixed(1)} %)`,
);
console.log(
  `runtime CPU ${cpuSeconds.toFixed(1)} s = ${((cpuSeconds / Math.max(1, result.stats.created)) * 1000).toFixed(1)} ms/call; after the soak: ${inProgressAfter} calls in progress, ${leftChannels} channels in Asterisk; load average ${load.start.toFixed(2)} → ${load.end.toFixed(2)}`,
);
console.log(
  `targets: 0 failed calls: ${failed === 0 ? 'met' : `NOT met (${failed})`}; RSS growth < 10 %: ${growthPercent < 10 ? 'met' : 'NOT met'}`,
);
console.log(
  JSON.stringify({
    benchmark: 'soak',
    date: new Date().toISOString(),
    machine: { cores: cpus().length, node: process.version, asterisk: asteriskVersion, load },
    settings,
    calls: {
      attempted: result.stats.created,
      completed: result.stats.successful,
      failedSipp: result.stats.failed,
      sippFailures: result.stats.failures,
      callLog,
      failed,
      peakConcurrent: result.peakConcurrent,
    },
    rss: { startBytes: rssStart, endBytes: rssEnd, maxBytes: rssMax, growthPercent, maxGrowthPercent },
    cpuSecondsPerCall: cpuSeconds / Math.max(1, result.stats.created),
    minutes,
    rssSamples,
  }),
);
