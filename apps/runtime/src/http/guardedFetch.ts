import type { LookupFunction } from 'node:net';
import type { HostAllowList } from './HostAllowList.ts';
import { HostPolicy, HttpHostRefusedError, type ResolvedAddress, type ResolveHost } from './HostPolicy.ts';

export interface GuardedFetchOptions {
  allow: HostAllowList;
  /** Default: the system resolver (node:dns lookup, all addresses). */
  resolveHost?: ResolveHost;
  /** Redirects followed for `redirect: 'follow'` (the default) before giving up; default 5. */
  maxRedirects?: number;
  /** Test hook: false behaves as if the address could not be pinned (check, then fetch). */
  pinAddresses?: boolean;
  /** Connection pools kept, one per port in use (least recently used closed first); default 32. */
  maxPools?: number;
}

export interface GuardedFetch {
  /** `fetch` for StepContext: refuses internal hosts, including as redirect targets. */
  readonly fetch: typeof fetch;
  /**
   * True when connections go only to addresses the policy checked at connection time (no DNS
   * rebinding between check and connect). False when Node's bundled undici Agent was not found:
   * hosts are then checked just before each request.
   */
  readonly pinsAddresses: boolean;
  /** Closes the pooled connections. */
  close(): Promise<void>;
}

type Dispatcher = NonNullable<RequestInit['dispatcher']>;
type AgentConstructor = new (options: { connect: { lookup: LookupFunction } }) => Dispatcher;

const redirectStatuses = new Set([301, 302, 303, 307, 308]);
/** Headers the fetch standard drops when a redirect turns the request into a GET without body. */
const bodyHeaders = [
  'content-type',
  'content-length',
  'content-encoding',
  'content-language',
  'content-location',
];
/** Credentials that must not follow a redirect to another origin. */
const credentialHeaders = ['authorization', 'proxy-authorization', 'cookie'];

/**
 * A `fetch` that only reaches hosts the policy allows (see HostPolicy): it checks the host and port
 * before each request, follows redirects itself (each target checked the same way, at most
 * `maxRedirects`), and connects through an Agent whose DNS lookup re-checks what it resolves, so the
 * connection goes to an address that passed the check even if the name's DNS answer changes in
 * between.
 */
export function createGuardedFetch(options: GuardedFetchOptions): GuardedFetch {
  const policy = new HostPolicy(options.allow, options.resolveHost);
  const maxRedirects = options.maxRedirects ?? 5;
  const Agent = options.pinAddresses === false ? undefined : bundledAgentConstructor();
  const pools = Agent === undefined ? undefined : new PortPools(Agent, policy, options.maxPools ?? 32);

  const send = async (url: URL, init: RequestInit): Promise<Response> => {
    try {
      const dispatcher = pools?.forPort(portOf(url));
      return await fetch(url, dispatcher === undefined ? init : { ...init, dispatcher });
    } catch (error) {
      // undici reports a refused lookup as TypeError('fetch failed', { cause }).
      if (error instanceof Error && error.cause instanceof HttpHostRefusedError) throw error.cause;
      throw error;
    }
  };

  const guardedFetch = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const request = input instanceof Request ? input : undefined;
    let url = new URL(request?.url ?? (input as string | URL));
    let method = (init.method ?? request?.method ?? 'GET').toUpperCase();
    const headers = new Headers(init.headers ?? request?.headers);
    let body: RequestInit['body'] =
      init.body !== undefined ? init.body : request?.body ? await request.arrayBuffer() : null;
    const signal = init.signal ?? request?.signal ?? null;
    const mode = init.redirect ?? request?.redirect ?? 'follow';

    for (let redirects = 0; ; redirects += 1) {
      await withAbort(checkUrl(policy, url, redirects > 0), signal);
      const response = await send(url, { ...init, method, headers, body, signal, redirect: 'manual' });
      const location = response.headers.get('location');
      if (!redirectStatuses.has(response.status) || location === null || mode === 'manual') return response;
      await response.body?.cancel();
      if (mode === 'error')
        throw new TypeError(`${url.host} answered a redirect and redirects are not allowed`);
      if (redirects >= maxRedirects)
        throw new Error(`too many redirects (more than ${maxRedirects}), the last one from ${url.host}`);
      let next: URL;
      try {
        next = new URL(location, url);
      } catch {
        throw new Error(`${url.host} redirected to an invalid address`);
      }
      if (
        ((response.status === 301 || response.status === 302) && method === 'POST') ||
        (response.status === 303 && method !== 'GET' && method !== 'HEAD')
      ) {
        method = 'GET';
        body = null;
        for (const name of bodyHeaders) headers.delete(name);
      }
      if (body instanceof ReadableStream)
        throw new Error(`${url.host} redirected a request whose streamed body cannot be sent again`);
      if (next.origin !== url.origin) for (const name of credentialHeaders) headers.delete(name);
      url = next;
    }
  };

  return {
    fetch: guardedFetch,
    pinsAddresses: pools !== undefined,
    close: () => pools?.close() ?? Promise.resolve(),
  };
}

/** The port a request to `url` connects to (http and https only: checkUrl refuses the others). */
function portOf(url: URL): number {
  return url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);
}

/**
 * One Agent per destination port. The allow list opens internal hosts per port, but a connection's
 * DNS lookup is not told the port it is for: each Agent's lookup checks for its own port, so a name
 * that resolves to a public address when checked and to 127.0.0.1 when connecting (DNS rebinding)
 * cannot reach a port of 127.0.0.1 that is only open on another port.
 */
class PortPools {
  readonly #pools = new Map<number, Dispatcher>();

  constructor(
    private readonly Agent: AgentConstructor,
    private readonly policy: HostPolicy,
    private readonly maxPools: number,
  ) {}

  forPort(port: number): Dispatcher {
    let pool = this.#pools.get(port);
    if (pool !== undefined) {
      // Most recently used last, so the first is the one to close.
      this.#pools.delete(port);
      this.#pools.set(port, pool);
      return pool;
    }
    pool = new this.Agent({ connect: { lookup: pinnedLookup(this.policy, port) } });
    this.#pools.set(port, pool);
    for (const [oldPort, old] of this.#pools) {
      if (this.#pools.size <= this.maxPools) break;
      this.#pools.delete(oldPort);
      // close() lets requests under way finish.
      void old.close().catch(() => undefined);
    }
    return pool;
  }

  async close(): Promise<void> {
    const pools = [...this.#pools.values()];
    this.#pools.clear();
    await Promise.all(pools.map((pool) => pool.close()));
  }
}

async function checkUrl(policy: HostPolicy, url: URL, redirected: boolean): Promise<void> {
  try {
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new HttpHostRefusedError(url.host || url.protocol, 'only http and https addresses may be called');
    await policy.check(url.hostname, portOf(url));
  } catch (error) {
    if (redirected && error instanceof Error) error.message = `redirect refused: ${error.message}`;
    throw error;
  }
}

/** net.connect's `lookup` for a port's Agent: resolve, check, and hand over only checked addresses. */
function pinnedLookup(policy: HostPolicy, port: number): LookupFunction {
  return (hostName, lookupOptions, callback) => {
    const wanted =
      lookupOptions.family === 4 || lookupOptions.family === 'IPv4'
        ? 4
        : lookupOptions.family === 6 || lookupOptions.family === 'IPv6'
          ? 6
          : undefined;
    policy.resolveChecked(hostName, port).then(
      (addresses: ResolvedAddress[]) => {
        const usable = addresses.filter((resolved) => wanted === undefined || resolved.family === wanted);
        const first = usable[0];
        if (first === undefined) {
          const error: NodeJS.ErrnoException = new Error(`no IPv${wanted} address for ${hostName}`);
          error.code = 'ENOTFOUND';
          callback(error, '');
        } else if (lookupOptions.all === true) callback(null, usable);
        else callback(null, first.address, first.family);
      },
      (error: Error) => callback(error, ''),
    );
  };
}

/**
 * The Agent class of the undici bundled in Node (its global fetch), which cannot be imported: Node
 * installs an Agent as the global dispatcher under this documented cross-copy symbol when undici
 * loads (reading `Response` loads it). Undefined if that ever changes; the caller then falls back
 * to checking before fetching.
 */
function bundledAgentConstructor(): AgentConstructor | undefined {
  Reflect.get(globalThis, 'Response');
  const dispatcher: unknown = Reflect.get(globalThis, Symbol.for('undici.globalDispatcher.1'));
  if (typeof dispatcher !== 'object' || dispatcher === null) return undefined;
  const agentClass: unknown = dispatcher.constructor;
  if (typeof agentClass !== 'function' || agentClass.name !== 'Agent') return undefined;
  return agentClass as AgentConstructor;
}

function withAbort<T>(promise: Promise<T>, signal: AbortSignal | null): Promise<T> {
  if (signal === null) return promise;
  signal.throwIfAborted();
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
