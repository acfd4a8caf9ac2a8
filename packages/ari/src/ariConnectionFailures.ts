import {
  type AriDisconnectReason,
  type AriLogFields,
  MAX_ARI_APP_NAME_LENGTH,
} from './AriConnectionState.ts';
import { AriError } from './AriError.ts';

// Why an ARI app connection failed, in two wordings: one for its state (runtime events and call logs
// that viewers read: no address, no user, no password) and one for the operator's log.

/** What a failure message may name: the operator's log gets the address and user, the state neither. */
export interface FailureContext {
  baseUrl: string;
  username: string;
  /** Takes the password (and the events URL's api_key) out of a text before it is logged. */
  scrubSecrets: (text: string) => string;
  app: string;
  connectTimeoutMs: number;
}

export interface Failure {
  reason: AriDisconnectReason;
  /** Same key as the last logged failure: stay quiet. */
  logKey: string;
  /** For the state (runtime events, call logs): no address, no user name, no password. */
  message: string;
  /** For the operator's log: may name the address and the user, never the password. */
  logMessage: string;
  fields?: AriLogFields;
}

/** Control characters as spaces and a bounded length, for text that came from the network. */
export function printable(text: string, max = 200): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ');
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

export function errorCode(err: unknown): string | undefined {
  return err instanceof Error &&
    'code' in err &&
    typeof err.code === 'string' &&
    /^[A-Z][A-Z0-9_]{0,63}$/.test(err.code)
    ? err.code
    : undefined;
}

export function classifyCheckError(err: unknown, context: FailureContext): Failure {
  const { baseUrl } = context;
  if (err instanceof AriError) {
    if (err.kind === 'unauthorized') {
      return {
        reason: 'unauthorized',
        logKey: 'unauthorized',
        message: 'Asterisk rejected the ARI user name or password',
        logMessage: `ARI at ${baseUrl} rejected user '${context.username}': wrong ARI username or password`,
        fields: { status: err.status },
      };
    }
    if (err.status === undefined) {
      // AriError messages name no address (see AriError); a timeout says how long was waited.
      const why =
        err.kind === 'timeout'
          ? `no answer within ${context.connectTimeoutMs} ms`
          : (unreachableDetail(err) ?? err.message);
      return {
        reason: 'unreachable',
        logKey: 'unreachable',
        message: `Asterisk unreachable (${why})`,
        logMessage: `Asterisk unreachable at ${baseUrl} (${why})`,
      };
    }
    const answered = `answered HTTP ${err.status} to GET /asterisk/info${err.ariMessage ? ` (${printable(err.ariMessage)})` : ''}`;
    return {
      reason: 'http_error',
      logKey: `http_${err.status}`,
      message: `Asterisk ${answered}`,
      logMessage: `ARI at ${baseUrl} ${answered}`,
      fields: { status: err.status },
    };
  }
  // Not an AriError (a bug rather than the network): its name only, the message may hold anything.
  const what = err instanceof Error ? (errorCode(err) ?? err.name) : 'unknown error';
  return {
    reason: 'unreachable',
    logKey: 'unreachable',
    message: `Asterisk unreachable (${what})`,
    logMessage: `Asterisk unreachable at ${baseUrl} (${err instanceof Error ? context.scrubSecrets(printable(err.message)) : what})`,
  };
}

/**
 * A failed WebSocket: ws reports a refused upgrade as "Unexpected server response: <status>", and
 * an invalid address with a message that repeats it, credentials included: only the status and
 * the error code are used, and the log line gets the message with the credentials removed.
 */
export function classifySocketError(err: unknown, context: FailureContext): Failure {
  const { baseUrl } = context;
  const text =
    err instanceof Error ? err.message : err === undefined ? 'closed during handshake' : String(err);
  const status = /^Unexpected server response: (\d{3})$/.exec(text)?.[1];
  if (status === '401') {
    return {
      reason: 'unauthorized',
      logKey: 'unauthorized',
      message: 'Asterisk rejected the ARI user name or password on the WebSocket',
      logMessage: `ARI at ${baseUrl} rejected user '${context.username}' on the WebSocket: wrong ARI username or password`,
      fields: { status: 401 },
    };
  }
  if (status !== undefined) {
    const hint = status === '500' ? ` (invalid app name? at most ${MAX_ARI_APP_NAME_LENGTH} characters)` : '';
    return {
      reason: 'http_error',
      logKey: `http_${status}`,
      message: `Asterisk refused the WebSocket for app '${context.app}' with HTTP ${status}${hint}`,
      logMessage: `ARI at ${baseUrl} refused the WebSocket for app '${context.app}' with HTTP ${status}${hint}`,
      fields: { status: Number(status) },
    };
  }
  const code = errorCode(err);
  const what = code ?? (err === undefined ? 'closed during handshake' : 'WebSocket failed');
  return {
    reason: 'unreachable',
    logKey: 'unreachable',
    message: `Asterisk unreachable (${what})`,
    logMessage: `Asterisk unreachable at ${baseUrl} (${code ?? context.scrubSecrets(printable(text))})`,
  };
}

function unreachableDetail(err: AriError): string | undefined {
  const cause = err.cause;
  if (cause instanceof Error) {
    const inner = cause.cause;
    if (inner && typeof inner === 'object' && 'code' in inner && typeof inner.code === 'string')
      return inner.code;
  }
  return undefined;
}
