import { z } from 'zod';

/** Where the media listener binds: `host:port` (IPv6 in brackets); port 0 picks a free one. */
export interface MediaListenAddress {
  host: string;
  port: number;
}

const listenAddress = /^(?:\[([0-9A-Fa-f:.]+)\]|([A-Za-z0-9.-]+)):(\d{1,5})$/;
const wildcardHosts = new Set(['0.0.0.0', '::', '[::]']);

/** A base URL Asterisk can fetch: http(s), a host, an optional plain path; nothing else. */
// No comma: ARI's play request separates media URIs with commas. No query, fragment or credentials:
// the runtime only appends `/<hash>.wav`.
const mediaBaseUrl =
  /^https?:\/\/(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(?::\d{1,5})?(?:\/[A-Za-z0-9._~/-]*)?$/;

function megabytes(what: string, fallback: number) {
  return z.coerce
    .number({ error: `must be a whole number of megabytes (${what})` })
    .int(`must be a whole number of megabytes (${what})`)
    .min(1, `must be at least 1 (megabytes ${what})`)
    .max(65_536, `must be at most 65536 (megabytes ${what})`)
    .default(fallback)
    .transform((mb) => mb * 1024 * 1024);
}

/**
 * The runtime's settings for prompts it serves to Asterisk (library audio and text-to-speech) over
 * its media listener; merged into the runtime's configuration schema.
 */
export const mediaConfigShape = {
  /** Where the media listener binds. Loopback by default: Asterisk on the same host. */
  CALLFLOW_MEDIA_LISTEN: z
    .string()
    .trim()
    .default('127.0.0.1:8099')
    .transform((text, context): MediaListenAddress => {
      const match = listenAddress.exec(text);
      const port = Number(match?.[3]);
      if (!match || port > 65_535) {
        context.addIssue({
          code: 'custom',
          message:
            'must be host:port to listen on, e.g. 127.0.0.1:8099 or 0.0.0.0:8099 (port 0 picks a free one)',
        });
        return z.NEVER;
      }
      return { host: match[1] ?? match[2] ?? '', port };
    }),
  /**
   * The address Asterisk fetches prompts at (`<url>/<hash>.wav`); default: the listener's own,
   * `http://<CALLFLOW_MEDIA_LISTEN>/media`.
   */
  CALLFLOW_MEDIA_URL: z
    .string()
    .trim()
    .regex(
      mediaBaseUrl,
      'must be an http:// or https:// URL without query, credentials or commas, e.g. http://10.0.0.5:8099/media',
    )
    .transform((url) => url.replace(/\/+$/, ''))
    .optional(),
  /** Library and published speech audio kept in memory after it was read from the database. */
  CALLFLOW_MEDIA_CACHE_MB: megabytes('of library audio kept in memory', 64),
  /** Text-to-speech rendered during calls, kept in memory and served from there. */
  CALLFLOW_SPEECH_CACHE_MB: megabytes('of call-time speech kept in memory', 64),
  /** How long a caller may wait for a sentence with variables to be rendered (queue and engine). */
  CALLFLOW_SPEECH_TIMEOUT_MS: z.coerce
    .number({ error: 'must be a whole number of milliseconds (to render speech during a call)' })
    .int('must be a whole number of milliseconds (to render speech during a call)')
    .min(100, 'must be at least 100 (milliseconds to render speech during a call)')
    .max(60_000, 'must be at most 60000 (milliseconds to render speech during a call)')
    .default(5000),
  /** Renderings run at once; more wait their turn (within CALLFLOW_SPEECH_TIMEOUT_MS). */
  CALLFLOW_SPEECH_CONCURRENCY: z.coerce
    .number({ error: 'must be a whole number (speech renderings at once)' })
    .int('must be a whole number (speech renderings at once)')
    .min(1, 'must be at least 1 (speech renderings at once)')
    .max(64, 'must be at most 64 (speech renderings at once)')
    .default(4),
};

/** A listener bound to every address cannot tell Asterisk where it is: CALLFLOW_MEDIA_URL must. */
export function mediaUrlProblem(config: {
  CALLFLOW_MEDIA_LISTEN: MediaListenAddress;
  CALLFLOW_MEDIA_URL?: string | undefined;
}): string | undefined {
  if (config.CALLFLOW_MEDIA_URL !== undefined || !wildcardHosts.has(config.CALLFLOW_MEDIA_LISTEN.host))
    return undefined;
  return 'CALLFLOW_MEDIA_URL must be set when CALLFLOW_MEDIA_LISTEN listens on every address: the URL Asterisk reaches this runtime at, e.g. http://10.0.0.5:8099/media';
}

/** The base URL of served media once the listener is bound (its real port when 0 was asked for). */
export function mediaBaseUrlOf(configured: string | undefined, bound: MediaListenAddress): string {
  if (configured !== undefined) return configured;
  const host = bound.host.includes(':') ? `[${bound.host}]` : bound.host;
  return `http://${host}:${bound.port}/media`;
}
