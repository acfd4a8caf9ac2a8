import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { HostAllowList, HostAllowListError } from '../http/HostAllowList.ts';

const runtimeConfigSchema = z.object({
  ARI_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as http://127.0.0.1:8088' }),
  ARI_USERNAME: z.string().min(1, 'must name the ARI user from ari.conf'),
  ARI_PASSWORD: z.string().min(1, 'must be the ARI user’s password (or set ARI_PASSWORD_FILE)'),
  DATABASE_URL: z.string().optional(),
  CALLFLOW_APP_PREFIX: z
    .string()
    .regex(
      /^[A-Za-z0-9_-]{1,40}$/,
      'use letters, digits, _ and - (it must match the dialplan’s CALLFLOW_APP_PREFIX)',
    )
    .default('callflow-'),
  CALLFLOW_STEP_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(1000),
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
});

export type RuntimeConfig = z.output<typeof runtimeConfigSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Reads the runtime's settings from the environment. A secret may instead come from a file named by
 * `<NAME>_FILE` (e.g. ARI_PASSWORD_FILE), so it need not sit in the process environment.
 */
export function loadRuntimeConfig(env: NodeJS.ProcessEnv = process.env): RuntimeConfig {
  const values: Record<string, string | undefined> = { ...env };
  const passwordFile = env.ARI_PASSWORD_FILE;
  if (values.ARI_PASSWORD === undefined && passwordFile !== undefined) {
    try {
      values.ARI_PASSWORD = readFileSync(passwordFile, 'utf8').trim();
    } catch (error) {
      throw new ConfigError(`ARI_PASSWORD_FILE: cannot read ${passwordFile} (${(error as Error).message})`);
    }
  }
  const parsed = runtimeConfigSchema.safeParse(values);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? 'configuration');
      return values[name] === undefined
        ? `${name} is not set: it ${issue.message.replace(/^Invalid input: /, '')}`
        : `${name} ${issue.message}`;
    });
    throw new ConfigError(`invalid runtime configuration:\n  ${lines.join('\n  ')}`);
  }
  return parsed.data;
}
