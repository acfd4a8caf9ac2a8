// Readings of processes and of the machine from /proc: a process's state, CPU time and memory, and
// the whole machine's busy time. Reading /proc costs the measured processes nothing.

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat times. */
const clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** The fields of /proc/<pid>/stat after the command name (state first), or undefined once it is gone. */
function statFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses: fields are counted after the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** The process state letter (R, S, Z...), or undefined once it is gone. */
export function processState(pid: number): string | undefined {
  return statFields(pid)?.[0];
}

/** User + system CPU seconds of a process (all its threads), or undefined once it is gone. */
export function processCpuSeconds(pid: number): number | undefined {
  const fields = statFields(pid);
  // utime and stime are fields 14 and 15 of stat(5); here indexes 11 and 12.
  return fields === undefined ? undefined : (Number(fields[11]) + Number(fields[12])) / clockTicks;
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
