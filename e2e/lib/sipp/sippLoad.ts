// Many calls from one sipp process, at a rate and up to a number at once, each listening for a while,
// pressing 1 and waiting for Asterisk's BYE (the load benchmark and the soak); with sipp's running
// statistics.

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { processCpuSeconds } from '../procStats.ts';
import { buildCallerScenario } from './callerScenario.ts';
import { cleanErrorLog, SIPP_BIN } from './runSipp.ts';

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
  /** Where the scenario, the statistics and the error log are written. */
  artifactsDir: string;
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
  mkdirSync(options.artifactsDir, { recursive: true });
  const base = join(options.artifactsDir, options.name);
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
  const child = spawn(SIPP_BIN, args, { cwd: options.artifactsDir, stdio: 'ignore' });
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
  const errors = existsSync(errorFile)
    ? cleanErrorLog(readFileSync(errorFile, 'utf8')).split('\n').slice(0, 20).join('\n')
    : '';
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
