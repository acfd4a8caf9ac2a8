/**
 * Why an ARI call failed, in words an operator can act on. The ARI bodies themselves are terse
 * ("Channel not found"), so the status is mapped to what it usually means for a call flow.
 */
export type AriErrorKind =
  | 'unauthorized'
  | 'bad_request'
  | 'not_found'
  | 'conflict'
  | 'still_dialing'
  | 'server_error'
  | 'http_error'
  | 'unreachable'
  | 'timeout'
  | 'aborted'
  | 'invalid_response';

/**
 * What an AriError is made of. Its message ends up where flow viewers read it (a step's error in the
 * call log, a runtime event), so it never names the server's address or the ARI user: the call log
 * and runtime events already say which server (by its configured name), and the runtime's own log
 * lines (for operators) add the address.
 */
export interface AriErrorInit {
  kind: AriErrorKind;
  method: string;
  /** Path below `/ari`, without the query string (queries can carry variable values). */
  path: string;
  status?: number;
  /** The `message` field of Asterisk's JSON error body, if any. */
  ariMessage?: string;
  /** Extra detail: network error code, timeout, schema issues; never a URL or credentials. */
  detail?: string;
  cause?: unknown;
}

const RESOURCE_NOUNS: Record<string, string> = {
  channels: 'channel',
  bridges: 'bridge',
  playbacks: 'playback',
  recordings: 'recording',
  deviceStates: 'device state',
  applications: 'application',
  endpoints: 'endpoint',
  sounds: 'sound',
  asterisk: 'Asterisk resource',
};

function describeTarget(path: string): string {
  const segments = path.split('/').filter((s) => s !== '');
  const noun = RESOURCE_NOUNS[segments[0] ?? ''] ?? 'resource';
  // recordings/stored/<name> and recordings/live/<name> carry the id one level deeper.
  const idIndex = segments[0] === 'recordings' ? 2 : 1;
  const rawId = segments[idIndex];
  if (rawId === undefined) return noun;
  let id = rawId;
  try {
    id = decodeURIComponent(rawId);
  } catch {
    // keep the raw segment
  }
  return `${noun} '${id}'`;
}

function conflictHint(path: string): string {
  const resource = path.split('/').find((s) => s !== '');
  switch (resource) {
    case 'channels':
      return 'channel not in the Stasis app, in a bridge, or the id already exists';
    case 'bridges':
      return 'channel not in the Stasis app, already in a bridge, or the id already exists';
    case 'deviceStates':
      return "only 'Stasis:<name>' devices can be set over ARI";
    case 'recordings':
      return 'recording not in a state that allows this';
    default:
      return 'the resource is not in a state that allows this';
  }
}

function explain(init: AriErrorInit): string {
  const target = describeTarget(init.path);
  switch (init.kind) {
    case 'unauthorized':
      return 'Asterisk rejected the ARI user name or password';
    case 'not_found':
      return `${target} not found (it is gone, e.g. the call already hung up or it was destroyed)`;
    case 'conflict':
      return `conflict on ${target} (${conflictHint(init.path)})`;
    case 'still_dialing':
      return `${target} is still dialing (not answered yet)`;
    case 'bad_request':
      return 'invalid parameters';
    case 'server_error':
      return `Asterisk internal error (HTTP ${init.status ?? 500})`;
    case 'http_error':
      return `unexpected HTTP ${init.status ?? '?'}`;
    case 'unreachable':
      return 'Asterisk unreachable';
    case 'timeout':
      return 'no answer from Asterisk in time';
    case 'aborted':
      return 'aborted by the caller';
    case 'invalid_response':
      return 'Asterisk answered with an unexpected body';
  }
}

const MAX_QUOTED = 200;

/** Control characters (a line break in an Asterisk answer) as spaces, and at most 200 characters. */
function printable(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ');
  return flat.length > MAX_QUOTED ? `${flat.slice(0, MAX_QUOTED)}…` : flat;
}

export class AriError extends Error {
  override readonly name = 'AriError';
  readonly kind: AriErrorKind;
  /** HTTP status; undefined when no response came back (network, timeout, abort). */
  readonly status: number | undefined;
  readonly method: string;
  readonly path: string;
  readonly ariMessage: string | undefined;

  constructor(init: AriErrorInit) {
    const parts = [`ARI ${init.method} ${init.path}: ${explain(init)}`];
    if (init.ariMessage) parts.push(`Asterisk says: "${printable(init.ariMessage)}"`);
    if (init.detail) parts.push(printable(init.detail));
    super(parts.join('; '), init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    this.status = init.status;
    this.method = init.method;
    this.path = init.path;
    this.ariMessage = init.ariMessage;
  }

  static kindForStatus(status: number): AriErrorKind {
    if (status === 400) return 'bad_request';
    if (status === 401) return 'unauthorized';
    if (status === 404) return 'not_found';
    // 422 is what bridges answer when a channel to add is not in the Stasis app.
    if (status === 409 || status === 422) return 'conflict';
    if (status === 412) return 'still_dialing';
    if (status >= 500) return 'server_error';
    return 'http_error';
  }

  /** True when the target no longer exists: callers cleaning up after a hangup can ignore it. */
  get isGone(): boolean {
    return this.kind === 'not_found';
  }
}
