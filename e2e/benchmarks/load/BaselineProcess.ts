// baselineAri.ts (the hand-written ARI program the runtime is compared with) as a child process.
import type { ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ariEnvironment, nodeArgsFrom, spawnTypeScript, stopProcess } from '../../lib/processes.ts';
import { type AriConfig, appRegistered } from '../../lib/sandbox.ts';
import { waitFor } from '../../lib/waitFor.ts';
import { drainSamples } from './drainSamples.ts';
import { LOAD_ARTIFACTS } from './loadSandbox.ts';

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
    const child = spawnTypeScript('e2e/benchmarks/load/baselineAri.ts', {
      env: { ...process.env, ...ariEnvironment(this.ari), BASELINE_APP: this.app, BASELINE_STATS_PORT: '0' },
      stdio: ['ignore', 'pipe', 'inherit'],
      nodeArgs: nodeArgsFrom('BENCH_BASELINE_NODE_ARGS'),
    });
    this.#child = child;
    this.#url = await new Promise<string>((resolve, reject) => {
      let buffered = '';
      const timer = setTimeout(() => reject(new Error('the baseline did not start within 30 s')), 30_000);
      child.once('exit', (code) => reject(new Error(`the baseline exited with ${code} before it was ready`)));
      // Kept like the runtime's log, so node flags that print (--trace-gc, --trace-opt) can be read.
      mkdirSync(LOAD_ARTIFACTS, { recursive: true });
      const log = createWriteStream(join(LOAD_ARTIFACTS, 'baseline-load.log'));
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
    await waitFor(
      () => appRegistered(this.app, this.ari),
      10_000,
      () => `Stasis app ${this.app}`,
      undefined,
      100,
    );
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
    return waitFor(
      async () => (await this.stats()).inProgress === 0,
      timeoutMs,
      () => 'the baseline to be idle',
      undefined,
      250,
    ).then(
      () => true,
      () => false,
    );
  }

  async stop(): Promise<void> {
    await stopProcess(this.#child, 5_000);
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
