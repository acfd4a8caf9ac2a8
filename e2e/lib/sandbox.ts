// Access to the Asterisk the e2e tests run against.
//
// With ARI_URL set in the environment, that Asterisk is used as is (ARI_USERNAME /
// ARI_PASSWORD from the environment too). Otherwise the sandbox of
// scripts/asterisk-sandbox.sh is used: started if ARI does not answer, credentials read
// from .cache/sandbox.env.

import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SANDBOX_SCRIPT = `${REPO_ROOT}scripts/asterisk-sandbox.sh`;
export const SANDBOX_ENV_FILE = `${REPO_ROOT}.cache/sandbox.env`;

export interface AriConfig {
  ariUrl: string;
  username: string;
  password: string;
}

/** Parses a KEY=value file (no quoting, `#` comments). */
export function parseEnvFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (m?.[1] !== undefined && m[2] !== undefined) out[m[1]] = m[2].trim();
  }
  return out;
}

function readSandboxEnv(): Record<string, string> {
  return existsSync(SANDBOX_ENV_FILE) ? parseEnvFile(readFileSync(SANDBOX_ENV_FILE, 'utf8')) : {};
}

/** The ARI settings: environment first, then .cache/sandbox.env; undefined if neither. */
export function ariConfig(): AriConfig | undefined {
  const file = readSandboxEnv();
  const ariUrl = process.env.ARI_URL ?? file.ARI_URL;
  const username = process.env.ARI_USERNAME ?? file.ARI_USERNAME ?? 'callflow';
  const password = process.env.ARI_PASSWORD ?? file.ARI_PASSWORD;
  if (!ariUrl || password === undefined) return undefined;
  return { ariUrl: ariUrl.replace(/\/+$/, ''), username, password };
}

/** HTTP status of GET /ari/asterisk/info, or 0 if nothing answers. */
export async function ariStatus(config: AriConfig): Promise<number> {
  try {
    const res = await fetch(`${config.ariUrl}/ari/asterisk/info`, {
      headers: { authorization: authHeader(config) },
      signal: AbortSignal.timeout(3_000),
    });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}

function runSandboxScript(command: 'start' | 'stop' | 'status'): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('bash', [SANDBOX_SCRIPT, command], { timeout: 300_000 }, (err, stdout, stderr) => {
      if (err) {
        const detail = stderr.trim().split('\n').slice(-5).join('\n');
        reject(new Error(`asterisk-sandbox.sh ${command} failed: ${detail || err.message}`));
      } else resolve(stdout + stderr);
    });
  });
}

let ensured: Promise<AriConfig> | undefined;

/**
 * Makes sure an Asterisk with ARI is reachable and returns how to reach it. Starts the
 * sandbox (`bash scripts/asterisk-sandbox.sh start`, which installs it the first time)
 * unless ARI_URL points elsewhere. Memoised per process.
 */
export function ensureSandbox(): Promise<AriConfig> {
  ensured ??= (async () => {
    const external = process.env.ARI_URL !== undefined;
    const before = ariConfig();
    if (before && (await ariStatus(before)) === 200) return before;
    if (external) {
      const status = before ? await ariStatus(before) : 0;
      throw new Error(
        status === 401
          ? `ARI at ${process.env.ARI_URL} refused ARI_USERNAME/ARI_PASSWORD (401)`
          : `ARI at ${process.env.ARI_URL} does not answer (status ${status}); unset ARI_URL to use the sandbox`,
      );
    }
    await runSandboxScript('start');
    const after = ariConfig();
    if (!after) throw new Error(`the sandbox started but ${SANDBOX_ENV_FILE} has no ARI credentials`);
    const status = await ariStatus(after);
    if (status !== 200) throw new Error(`the sandbox started but ARI answers ${status}`);
    return after;
  })();
  ensured.catch(() => {
    ensured = undefined;
  });
  return ensured;
}

/**
 * What the API needs to find the sandbox's stock sounds (their texts, lengths and audio): the
 * environment first, then .cache/sandbox.env.
 */
export function sandboxEnvironment(): Record<string, string> {
  const file = readSandboxEnv();
  const out: Record<string, string> = {};
  for (const name of ['CALLFLOW_ASTERISK_ROOT', 'CALLFLOW_ASTERISK_SOUNDS_DIR']) {
    const value = process.env[name] ?? file[name];
    if (value !== undefined) out[name] = value;
  }
  return out;
}

/** Runs one command in the sandbox Asterisk's CLI (`asterisk -rx`) and returns what it printed. */
export async function asteriskCli(command: string): Promise<string> {
  await ensureSandbox();
  return new Promise((resolve, reject) => {
    execFile('bash', [SANDBOX_SCRIPT, 'cli', command], { timeout: 30_000 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`asterisk -rx "${command}" failed: ${stderr.trim() || err.message}`));
      else resolve(stdout);
    });
  });
}

/** Stops the sandbox (for global teardown; not needed between tests). */
export async function stopSandbox(): Promise<void> {
  ensured = undefined;
  await runSandboxScript('stop');
}

// ------------------------------------------------------------------ ARI REST helper

export function authHeader(config: AriConfig): string {
  return `Basic ${Buffer.from(`${config.username}:${config.password}`).toString('base64')}`;
}

export class AriHttpError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly body: string,
  ) {
    super(`ARI ${method} ${path} -> ${status}${body ? `: ${body.slice(0, 300)}` : ''}`);
    this.name = 'AriHttpError';
  }
}

export type Query = Record<string, string | number | boolean | undefined>;

/**
 * Sends an ARI request (path relative to /ari, e.g. '/channels') and returns the parsed
 * JSON body (undefined for 204 / empty). Throws AriHttpError for non-2xx statuses.
 */
export async function ariRequest<T = unknown>(
  method: string,
  path: string,
  options: { query?: Query; body?: unknown; config?: AriConfig } = {},
): Promise<T> {
  const config = options.config ?? (await ensureSandbox());
  const url = new URL(`${config.ariUrl}/ari${path.startsWith('/') ? path : `/${path}`}`);
  for (const [key, value] of Object.entries(options.query ?? {})) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  const headers: Record<string, string> = { authorization: authHeader(config) };
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  const res = await fetch(url, { method, headers, body, signal: AbortSignal.timeout(10_000) });
  const text = await res.text();
  if (!res.ok) throw new AriHttpError(method, path, res.status, text);
  return (text ? JSON.parse(text) : undefined) as T;
}

export function ariGet<T = unknown>(path: string, query?: Query): Promise<T> {
  return ariRequest<T>('GET', path, query ? { query } : {});
}

export function ariPost<T = unknown>(path: string, query?: Query, body?: unknown): Promise<T> {
  return ariRequest<T>('POST', path, {
    ...(query ? { query } : {}),
    ...(body !== undefined ? { body } : {}),
  });
}

export function ariDelete<T = unknown>(path: string, query?: Query): Promise<T> {
  return ariRequest<T>('DELETE', path, query ? { query } : {});
}

/** Fetches raw bytes (e.g. GET /recordings/stored/{name}/file). */
export async function ariGetBytes(path: string): Promise<Buffer> {
  const config = await ensureSandbox();
  const res = await fetch(`${config.ariUrl}/ari${path}`, {
    headers: { authorization: authHeader(config) },
    signal: AbortSignal.timeout(10_000),
  });
  if (!res.ok) throw new AriHttpError('GET', path, res.status, await res.text());
  return Buffer.from(await res.arrayBuffer());
}

/** WebSocket URL that registers `apps` (comma list) for ARI events. */
export function ariEventsUrl(config: AriConfig, apps: string[], subscribeAll = false): string {
  const url = new URL(`${config.ariUrl.replace(/^http/, 'ws')}/ari/events`);
  url.searchParams.set('app', apps.join(','));
  url.searchParams.set('api_key', `${config.username}:${config.password}`);
  if (subscribeAll) url.searchParams.set('subscribeAll', 'true');
  return url.toString();
}

interface Named {
  id: string;
  name?: string;
}

/** Whether Asterisk lists the Stasis app `app` (an extension's is `callflow-<extension>`). */
export async function appRegistered(app: string, config?: AriConfig): Promise<boolean> {
  const apps = await ariRequest<Named[]>('GET', '/applications', config === undefined ? {} : { config });
  return apps.some((registered) => registered.name === app);
}

/**
 * Waits until Asterisk has no channels and no bridges left (what a test should leave
 * behind), polling every `pollMs` for up to `timeoutMs`. Resolves with what is left (empty lists =
 * clean). Default: the suite's sandbox.
 */
export async function waitForIdle(
  timeoutMs = 5_000,
  options: { config?: AriConfig; pollMs?: number } = {},
): Promise<{ channels: Named[]; bridges: Named[] }> {
  const config = options.config ?? (await ensureSandbox());
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [channels, bridges] = await Promise.all([
      ariRequest<Named[]>('GET', '/channels', { config }),
      ariRequest<Named[]>('GET', '/bridges', { config }),
    ]);
    if ((channels.length === 0 && bridges.length === 0) || Date.now() >= deadline) {
      return { channels, bridges };
    }
    await new Promise((r) => setTimeout(r, options.pollMs ?? 100));
  }
}
