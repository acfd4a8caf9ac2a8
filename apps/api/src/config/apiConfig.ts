import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type AriServerConfig, ariServersFromEnv, ariServerVariables, ConfigError } from '@callflow/ari';
import { z } from 'zod';

/** Where `npm run -w @callflow/editor build` writes the editor: found from this file, not the working directory. */
const repositoryEditorDir = fileURLToPath(new URL('../../../editor/dist', import.meta.url));

const apiConfigSchema = z.object({
  DATABASE_URL: z.string().optional(),
  API_HOST: z.string().default('127.0.0.1'),
  API_PORT: z.coerce.number().int().min(0).max(65_535).default(3001),
  /**
   * Largest body of a request that carries a flow document (draft save, new flow, validate, import);
   * every other request body is at most 64 KB.
   */
  API_BODY_LIMIT: z
    .string()
    .regex(/^\d+(kb|mb)$/, 'use a size like 5mb')
    .default('5mb'),
  /** Live views (Server-Sent Events, e.g. the calls page) one login may have open at once. */
  CALLFLOW_LIVE_STREAMS_PER_SESSION: z.coerce.number().int().min(1).max(100).default(4),
  /**
   * How often an open live view checks that its login session still exists (it also ends at once on
   * logout, password change, user deletion in this API, and when the session expires).
   */
  CALLFLOW_LIVE_STREAM_SESSION_CHECK_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
  /**
   * Other origins whose pages may send the API requests that change something, comma-separated, e.g.
   * `https://callflow.example.com` when a proxy in front does not pass the Host header on. The API's
   * own origin is always allowed.
   */
  CALLFLOW_ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((text, context) => {
      const origins: string[] = [];
      for (const item of text.split(',').map((part) => part.trim())) {
        if (item === '') continue;
        let url: URL | undefined;
        try {
          url = new URL(item);
        } catch {
          // reported below
        }
        if (url === undefined || !['http:', 'https:'].includes(url.protocol) || url.origin !== item) {
          context.addIssue({
            code: 'custom',
            message: `${item} is not an origin: write scheme://host[:port], e.g. https://callflow.example.com`,
          });
          continue;
        }
        origins.push(url.origin);
      }
      return origins;
    }),
  /**
   * Asterisk's sounds folder, for the stock sound picker (what each says, how long it is) and its
   * previews. Its language folders may be absolute symlinks meant for another root: see
   * CALLFLOW_ASTERISK_ROOT.
   */
  CALLFLOW_ASTERISK_SOUNDS_DIR: z.string().min(1).default('/usr/share/asterisk/sounds'),
  /** Where Asterisk's file system starts (`/`, or a chroot such as the sandbox's): symlinks resolve inside it. */
  CALLFLOW_ASTERISK_ROOT: z.string().min(1).default('/'),
  /**
   * Audio conversions and speech renderings (ffmpeg, espeak-ng) the API runs at once; four times as
   * many wait, and more are answered 503.
   */
  CALLFLOW_AUDIO_JOBS: z.coerce.number().int().min(1).max(32).default(2),
  /**
   * The built browser editor, served at `/` so that it shares the API's origin (and session cookie).
   * Default: this repository's apps/editor/dist when it exists. Unset and no build: `/` says how to build.
   */
  EDITOR_DIR: z
    .string()
    .min(1)
    .optional()
    .transform((dir) =>
      dir === undefined ? (existsSync(repositoryEditorDir) ? repositoryEditorDir : undefined) : resolve(dir),
    ),
});

export type ApiConfig = z.output<typeof apiConfigSchema> & {
  /**
   * The Asterisk servers recordings and sounds are read from (the browser never talks to ARI), named
   * as the runtime names them in `Call.asteriskServer`; empty when no ARI setting is given.
   */
  ariServers: AriServerConfig[];
};

/**
 * The Asterisk servers, read by the runtime's own parser (ariServersFromEnv) so that a server is
 * configured, validated and named the same way for both: a call's `asteriskServer` must find its
 * server here.
 */
function loadAriServers(env: NodeJS.ProcessEnv): { servers: AriServerConfig[] } | { problems: string[] } {
  // ARI is optional for the API: without it only recordings and sounds are unavailable (503).
  if (ariServerVariables.every((name) => env[name] === undefined)) return { servers: [] };
  try {
    return { servers: ariServersFromEnv(env) };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return { problems: [...error.problems] };
  }
}

/** The API's settings from the environment; every invalid one is named in the error. */
export function loadApiConfig(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  const parsed = apiConfigSchema.safeParse(env);
  const ari = loadAriServers(env);
  const lines = [
    ...(parsed.success
      ? []
      : parsed.error.issues.map((issue) => `${String(issue.path[0])}: ${issue.message}`)),
    ...('problems' in ari ? ari.problems : []),
  ];
  if (!parsed.success || 'problems' in ari) {
    throw new Error(`invalid API configuration:\n  ${lines.join('\n  ')}`);
  }
  return { ...parsed.data, ariServers: ari.servers };
}
