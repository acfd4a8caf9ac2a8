import type { z } from 'zod';
import type { AriError, AriErrorKind } from './AriError.ts';
import type { AriQuery, PlayParams } from './ariRequestParams.ts';

// How AriClient writes requests and reads failures: query strings, base URLs, error texts.

export function joinList(value: string | readonly string[]): string {
  return typeof value === 'string' ? value : value.join(',');
}

// encodeURIComponent rather than URLSearchParams: Asterisk's legacy URI decoding treats `+` as a
// space, so `%20` and `%2B` are the only unambiguous spellings.
export function buildQuery(query: AriQuery | undefined): string {
  if (!query) return '';
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  }
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}

export function playQuery(params: PlayParams): AriQuery {
  return {
    media: joinList(params.media),
    lang: params.lang,
    offsetms: params.offsetms,
    skipms: params.skipms,
  };
}

function normalizeBaseUrl(url: string): string {
  let base = url.trim();
  while (base.endsWith('/')) base = base.slice(0, -1);
  if (base.endsWith('/ari')) base = base.slice(0, -'/ari'.length);
  return base;
}

/**
 * What a network failure was, as a code (`ECONNREFUSED`, `UND_ERR_CONNECT_TIMEOUT`...). Never the
 * error's message: fetch's messages can carry the address, and the AriError's message is shown to
 * flow viewers.
 */
export function networkDetail(err: unknown): string {
  for (let error = err, depth = 0; depth < 3 && typeof error === 'object' && error !== null; depth++) {
    if ('code' in error && typeof error.code === 'string' && /^[A-Z][A-Z0-9_]{0,63}$/.test(error.code))
      return error.code;
    error = 'cause' in error ? error.cause : undefined;
  }
  return 'no answer';
}

export function extractAriMessage(text: string): string | undefined {
  if (text === '') return undefined;
  try {
    const json: unknown = JSON.parse(text);
    if (json && typeof json === 'object') {
      // Most ARI errors use `message`; the authentication failure uses `error`.
      if ('message' in json && typeof json.message === 'string') return json.message;
      if ('error' in json && typeof json.error === 'string') return json.error;
    }
  } catch {
    // not JSON: fall through to the raw text
  }
  return text.slice(0, 200);
}

/** The server's address without `/ari`; refuses one holding credentials. */
export function ariBaseUrl(url: string): string {
  const base = normalizeBaseUrl(url);
  // fetch refuses such URLs with a message that repeats them, password included.
  if (URL.canParse(base)) {
    const { username, password } = new URL(base);
    if (username !== '' || password !== '')
      throw new Error(
        'the ARI URL must not contain a user name or password: give them as ARI_USERNAME and ARI_PASSWORD',
      );
  }
  return base;
}

/** An answer's JSON parsed with the schema; anything else fails as `invalid_response`. */
export async function readAnswer<T>(
  response: Response,
  schema: z.ZodType<T>,
  fail: (kind: AriErrorKind, detail: string) => AriError,
): Promise<T> {
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw fail('invalid_response', `not JSON: ${text.slice(0, 100)}`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
      .join(', ');
    throw fail('invalid_response', issues);
  }
  return parsed.data;
}
