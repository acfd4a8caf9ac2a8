// Child processes of the e2e tests and benchmarks: the runtime, the load benchmark's baseline, started
// as TypeScript through tsx from the repository root, and stopped the same way whoever started them.

import { type ChildProcess, type StdioOptions, spawn } from 'node:child_process';
import { type AriConfig, REPO_ROOT } from './sandbox.ts';

/** One Asterisk's ARI settings as the runtime and the baseline read them from their environment. */
export function ariEnvironment(ari: AriConfig): Record<string, string> {
  return { ARI_URL: ari.ariUrl, ARI_USERNAME: ari.username, ARI_PASSWORD: ari.password };
}

/**
 * The runtime's environment: this process's, the Asterisk and the database given, a free metrics port
 * (several runtimes may run on this machine at once), then `extra`. With ARI_SERVERS in `extra` the
 * one-server settings are left out: the runtime refuses the two together.
 */
export function runtimeEnvironment(options: {
  ari: AriConfig;
  databaseUrl: string;
  logLevel: 'debug' | 'info';
  extra?: Record<string, string>;
}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...ariEnvironment(options.ari),
    DATABASE_URL: options.databaseUrl,
    CALLFLOW_LOG_LEVEL: options.logLevel,
    CALLFLOW_METRICS_PORT: '0',
    // A free port for the prompts Asterisk fetches: tests run several runtimes, and `npm start` may
    // hold the default one.
    CALLFLOW_MEDIA_LISTEN: '127.0.0.1:0',
    ...options.extra,
  };
  if (options.extra?.ARI_SERVERS !== undefined)
    for (const name of ['ARI_URL', 'ARI_USERNAME', 'ARI_PASSWORD', 'ARI_PASSWORD_FILE']) delete env[name];
  return env;
}

/** Node flags from an environment variable, e.g. BENCH_RUNTIME_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/p". */
export function nodeArgsFrom(variable: string): string[] {
  return (process.env[variable] ?? '').split(' ').filter((arg) => arg !== '');
}

/** Runs a TypeScript file of the repository (`entry`, from its root) in Node through tsx. */
export function spawnTypeScript(
  entry: string,
  options: { env: NodeJS.ProcessEnv; stdio: StdioOptions; nodeArgs?: string[]; imports?: string[] },
): ChildProcess {
  const imports = (options.imports ?? []).flatMap((file) => ['--import', file]);
  return spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', ...imports, entry], {
    cwd: REPO_ROOT,
    env: options.env,
    stdio: options.stdio,
  });
}

/** True while `child` has been started and has not exited. */
export function isRunning(child: ChildProcess | undefined): child is ChildProcess {
  return child !== undefined && child.exitCode === null && child.signalCode === null;
}

/** SIGTERM, then SIGKILL if the process has not exited within `graceMs`. */
export async function stopProcess(child: ChildProcess | undefined, graceMs: number): Promise<void> {
  if (!isRunning(child)) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, graceMs))]);
  if (isRunning(child)) child.kill('SIGKILL');
}

/** kill -9: no shutdown at all; resolves once the process is gone. */
export async function killProcess(child: ChildProcess | undefined): Promise<void> {
  if (!isRunning(child)) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}
