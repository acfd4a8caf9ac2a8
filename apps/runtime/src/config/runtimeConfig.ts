import { type AriServerConfig, ariServersFromEnv, ConfigError, problemsOf } from '@callflow/ari';
import { z } from 'zod';
import type { CallLimits } from '../engine/CallLimits.ts';
import { defaultCallLimits } from '../engine/CallLimits.ts';
import { HostAllowList, HostAllowListError } from '../http/HostAllowList.ts';
import { mediaConfigShape, mediaUrlProblem } from './mediaConfig.ts';

/** A whole-number limit whose every error says what it counts. */
function limitSchema(counts: string, min: number, max: number, fallback: number) {
  return z.coerce
    .number({ error: `must be a whole number (${counts})` })
    .int(`must be a whole number (${counts})`)
    .min(min, `must be at least ${min} (${counts})`)
    .max(max, `must be at most ${max} (${counts})`)
    .default(fallback);
}

/** A week: longer limits are no limits, and setTimeout holds at most ~24.8 days. */
const longestLimitSeconds = 7 * 24 * 3600;

const commonSchema = z.object({
  DATABASE_URL: z.string().optional(),
  CALLFLOW_APP_PREFIX: z
    .string()
    .regex(
      /^[A-Za-z0-9_-]{1,40}$/,
      'use letters, digits, _ and - (it must match the dialplan’s CALLFLOW_APP_PREFIX)',
    )
    .default('callflow-'),
  CALLFLOW_STEP_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(1000),
  /**
   * Call log steps (and live call positions) kept in memory while the database is down; beyond it the
   * oldest are dropped, and logged. Each costs a few hundred bytes.
   */
  CALLFLOW_CALL_LOG_BUFFER: z.coerce
    .number()
    .int('must be a whole number of steps')
    .min(100, 'must be at least 100 (steps kept while the database is down)')
    .max(10_000_000, 'must be at most 10000000 (steps kept while the database is down)')
    .default(100_000),
  /**
   * How long call log entries wait to be written together. Each batch is one transaction, whose
   * commit costs the same whether it holds one entry or hundreds: a longer wait costs less under load
   * but shows live calls later and loses more if the runtime dies.
   */
  CALLFLOW_CALL_LOG_FLUSH_MS: z.coerce
    .number()
    .int('must be a whole number of milliseconds')
    .min(10, 'must be at least 10 (milliseconds between call log writes)')
    .max(5000, 'must be at most 5000 (milliseconds between call log writes)')
    .default(250),
  /**
   * On SIGTERM or SIGINT, how long calls in progress may go on before they are hung up and logged as
   * lost. Hanging them up and writing the last call log batch follow (a few seconds at most), so keep
   * it under the service manager's stop timeout (docker stop: 10 s; systemd: 90 s) with room to spare.
   */
  CALLFLOW_STOP_GRACE_SECONDS: z.coerce
    .number()
    .int('must be a whole number of seconds')
    .min(0, 'must be at least 0 (seconds calls in progress may go on at shutdown)')
    .max(3600, 'must be at most 3600 (seconds calls in progress may go on at shutdown)')
    .default(5),
  // Limits a caller or a flow cannot take the runtime past (see CallLimits).
  CALLFLOW_MAX_CALLS: limitSchema(
    'calls in progress over every Asterisk server',
    1,
    1_000_000,
    defaultCallLimits.maxCalls,
  ),
  CALLFLOW_MAX_CALLS_PER_EXTENSION: limitSchema(
    'calls in progress on one extension',
    1,
    1_000_000,
    defaultCallLimits.maxCallsPerExtension,
  ),
  CALLFLOW_MAX_CALL_SECONDS: limitSchema(
    'seconds a call may last',
    1,
    longestLimitSeconds,
    defaultCallLimits.maxCallMs / 1000,
  ),
  CALLFLOW_MAX_BRIDGE_SECONDS: limitSchema(
    'seconds a caller may stay in a bridge or an answered dial',
    1,
    longestLimitSeconds,
    defaultCallLimits.maxBridgeMs / 1000,
  ),
  CALLFLOW_MAX_BUFFERED_DIGITS: limitSchema(
    'digits kept until the flow reads them',
    1,
    10_000,
    defaultCallLimits.maxBufferedDigits,
  ),
  CALLFLOW_MAX_HTTP_LOOKUPS_PER_CALL: limitSchema(
    'HTTP lookups one call may make',
    0,
    10_000,
    defaultCallLimits.maxHttpLookups,
  ),
  /** How often the runtime looks for publish/unpublish changes. */
  CALLFLOW_POLL_MS: z.coerce.number().int().min(50).max(10_000).default(250),
  /** Test hook: a fixed instant for time-of-day nodes, e.g. 2026-01-05T10:00:00Z. */
  CALLFLOW_FIXED_TIME: z.iso.datetime({ offset: true }).optional(),
  CALLFLOW_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  /**
   * Internal hosts HTTP lookup nodes may call anyway (loopback, link-local and private addresses are
   * refused otherwise): comma-separated host names, IP addresses and CIDR ranges.
   */
  CALLFLOW_HTTP_ALLOW: z
    .string()
    .default('')
    .transform((text, context) => {
      try {
        return HostAllowList.parse(text);
      } catch (error) {
        if (!(error instanceof HostAllowListError)) throw error;
        context.addIssue({ code: 'custom', message: `has an invalid entry: ${error.message}` });
        return z.NEVER;
      }
    }),
  /** Port of the Prometheus /metrics listener: null when `off`, 0 for any free port. */
  CALLFLOW_METRICS_PORT: z
    .string()
    .trim()
    .regex(/^(off|\d{1,5})$/i, 'must be a TCP port number (0 picks a free one) or off')
    .default('9464')
    .transform((text) => (text.toLowerCase() === 'off' ? null : Number(text)))
    .refine((port) => port === null || port <= 65_535, 'must be a TCP port number, at most 65535'),
  /** Loopback by default: the figures are operational detail, not for the network at large. */
  CALLFLOW_METRICS_HOST: z
    .string()
    .regex(/^[A-Za-z0-9.:_-]+$/, 'must be a host name or IP address to listen on, e.g. 127.0.0.1 or 0.0.0.0')
    .default('127.0.0.1'),
  ...mediaConfigShape,
});

type CommonConfig = z.output<typeof commonSchema>;
export type RuntimeConfig = CommonConfig & { ariServers: AriServerConfig[] };

/** The call limits the configuration sets, in the units the engine uses. */
export function callLimitsOf(config: CommonConfig): CallLimits {
  return {
    maxCalls: config.CALLFLOW_MAX_CALLS,
    maxCallsPerExtension: config.CALLFLOW_MAX_CALLS_PER_EXTENSION,
    maxCallMs: config.CALLFLOW_MAX_CALL_SECONDS * 1000,
    maxBridgeMs: config.CALLFLOW_MAX_BRIDGE_SECONDS * 1000,
    maxBufferedDigits: config.CALLFLOW_MAX_BUFFERED_DIGITS,
    maxHttpLookups: config.CALLFLOW_MAX_HTTP_LOOKUPS_PER_CALL,
  };
}

/**
 * Reads the runtime's settings from the environment: its Asterisk servers (ariServersFromEnv) and the
 * rest. A secret may instead come from a file named by `<NAME>_FILE` (ARI_PASSWORD_FILE,
 * ARI_SERVERS_FILE), so it need not sit in the process environment. Every problem is reported at once.
 */
export function loadRuntimeConfig(env: NodeJS.ProcessEnv = process.env): RuntimeConfig {
  const problems: string[] = [];
  let ariServers: AriServerConfig[] = [];
  try {
    ariServers = ariServersFromEnv(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems);
  }
  const common = commonSchema.safeParse(env);
  if (!common.success) problems.push(...problemsOf(common.error, env));
  const mediaProblem = common.success ? mediaUrlProblem(common.data) : undefined;
  if (mediaProblem !== undefined) problems.push(mediaProblem);
  if (problems.length > 0 || !common.success) throw new ConfigError(problems);
  return { ...common.data, ariServers };
}
