// What the load benchmark prints: every run, then per step the runtime's figures divided by the
// baseline's (the median of the rounds, nearest rank: lib/statistics.ts), then one JSON line.
import { cpus } from 'node:os';
import { fmt, printTable } from '../../lib/report.ts';
import { median } from '../../lib/statistics.ts';

export type Program = 'runtime' | 'baseline';

export interface LoadSettings {
  steps: number[];
  rate: number;
  holdMs: number;
  warmup: number;
  /** Each step this many times, the order of the two programs alternating (noise shows as a range). */
  rounds: number;
  /**
   * Both programs at once, each with its own sipp, instead of back to back: the machine's slow swings
   * in speed then hit both alike (Asterisk carries twice the calls).
   */
  paired: boolean;
}

export interface RunResult {
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

export function printLoadReport({
  settings,
  results,
  idle,
  runtimePeakRss,
  asteriskVersion,
}: {
  settings: LoadSettings;
  results: RunResult[];
  idle: Record<Program, number>;
  runtimePeakRss: number | undefined;
  asteriskVersion: string;
}): void {
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
    const p99s = (program: 'ours' | 'theirs') =>
      defined(rounds.map((round) => round[program]?.latency.p99Ms));
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
    if (notes.length > 0)
      console.log(`${r.concurrent} × ${r.program} (round ${r.round}): ${notes.join('; ')}`);
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
}
