import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { createGzip } from 'node:zlib';
import { runTestNode } from '@callflow/flow/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createGuardedFetch, type GuardedFetch } from './guardedFetch.ts';
import { HostAllowList } from './HostAllowList.ts';
import type { ResolveHost } from './HostPolicy.ts';

/**
 * An HTTP lookup node run with the guarded fetch the runtime gives steps, against local services
 * that misbehave: each fault must end on the node's own port with an error that names it, without
 * holding the call longer than the node's timeout or reading more than its size limit.
 */

const megabyte = 1024 * 1024;
const hugeBytes = 50 * megabyte;
const limitBytes = megabyte;
/** Far above what a read stopped at `limitBytes` needs, far below the 50 MB a full read takes. */
const memoryBound = 16 * megabyte;

interface SeenRequest {
  path: string;
  /** Settles when the server's response closes: `finished` is false when the client went away first. */
  closed: Promise<{ finished: boolean; bytesSent: number }>;
}

/** A service on 127.0.0.1 (allowed) and one on 127.0.0.2 (loopback too, but not allowed). */
let allowedServer: Server;
let forbiddenServer: Server;
let base = '';
let forbiddenBase = '';
/** A port nothing listens on: a server was opened there and closed. */
let closedPort = 0;
const seen: SeenRequest[] = [];
/** Paths the forbidden service received: it must never receive one. */
const forbiddenSeen: string[] = [];
/** 50 MB of zeros, gzip-compressed to a few tens of KB. */
let gzipBomb: Buffer;

// One chunk reused for every write: the service must not add its own garbage to the memory measured.
const chunk = Buffer.alloc(64 * 1024, 'x');

/** Writes `total` bytes, waiting for 'drain' so the service never buffers ahead of the client. */
function stream(response: ServerResponse, total: number, sent: { bytes: number }): void {
  const push = (): void => {
    while (sent.bytes < total) {
      sent.bytes += chunk.length;
      if (!response.write(chunk)) {
        response.once('drain', push);
        return;
      }
    }
    response.end();
  };
  push();
}

function handle(request: IncomingMessage, response: ServerResponse): void {
  const url = new URL(request.url ?? '/', 'http://local');
  const sent = { bytes: 0 };
  const closed = new Promise<{ finished: boolean; bytesSent: number }>((resolve) =>
    response.once('close', () => resolve({ finished: response.writableFinished, bytesSent: sent.bytes })),
  );
  seen.push({ path: url.pathname, closed });
  // A write after the client closed the connection is expected here, not a test failure.
  response.on('error', () => undefined);
  switch (url.pathname) {
    case '/hang':
      return; // never answers
    case '/drip':
      // Headers and the start of a JSON document, then nothing: the body never ends.
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"customer":');
      return;
    case '/loop':
      response.writeHead(301, { location: '/loop' });
      response.end();
      return;
    case '/to':
      response.writeHead(302, { location: url.searchParams.get('url') ?? '/' });
      response.end();
      return;
    case '/html':
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<html><body>Service temporarily unavailable</body></html>');
      return;
    case '/fail':
      response.writeHead(500, { 'content-type': 'application/json' });
      response.end('{"error":"database unavailable"}');
      return;
    case '/chunked':
      // No content-length: Node sends it chunked, so only counting while reading can stop it.
      response.writeHead(200, { 'content-type': 'application/json' });
      stream(response, hugeBytes, sent);
      return;
    case '/declared':
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': hugeBytes });
      stream(response, hugeBytes, sent);
      return;
    case '/fail-huge':
      response.writeHead(500, { 'content-type': 'text/html' });
      stream(response, hugeBytes, sent);
      return;
    case '/gzip-bomb':
      // Small on the wire (its content-length is under the limit), 50 MB once fetch inflates it.
      response.writeHead(200, {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
        'content-length': gzipBomb.length,
      });
      response.end(gzipBomb);
      return;
    default:
      response.writeHead(404);
      response.end();
  }
}

async function listen(server: Server, host: string): Promise<string> {
  server.listen(0, host);
  await once(server, 'listening');
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error(`${host}: not a TCP server`);
  return `http://${host}:${address.port}`;
}

async function compressedZeros(total: number): Promise<Buffer> {
  const gzip = createGzip();
  const parts: Buffer[] = [];
  gzip.on('data', (part: Buffer) => parts.push(part));
  const zeros = Buffer.alloc(megabyte);
  for (let written = 0; written < total; written += zeros.length)
    if (!gzip.write(zeros)) await once(gzip, 'drain');
  gzip.end();
  await once(gzip, 'end');
  return Buffer.concat(parts);
}

beforeAll(async () => {
  gzipBomb = await compressedZeros(hugeBytes);
  allowedServer = createServer(handle);
  base = await listen(allowedServer, '127.0.0.1');
  forbiddenServer = createServer((request, response) => {
    forbiddenSeen.push(request.url ?? '');
    response.end('{"secret":true}');
  });
  forbiddenBase = await listen(forbiddenServer, '127.0.0.2');
  const probe = createServer();
  const probeBase = await listen(probe, '127.0.0.1');
  closedPort = Number(new URL(probeBase).port);
  await new Promise((resolve) => probe.close(resolve));
});

afterAll(async () => {
  for (const server of [allowedServer, forbiddenServer]) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

const opened: GuardedFetch[] = [];
afterEach(async () => {
  seen.length = 0;
  forbiddenSeen.length = 0;
  await Promise.all(opened.splice(0).map((guarded) => guarded.close()));
});

/**
 * The runtime's fetch for steps (main.ts), allowing only the allowed service's port and the closed
 * port of 127.0.0.1 among the internal addresses.
 */
function runtimeFetch(resolveHost?: ResolveHost): typeof fetch {
  const allow = HostAllowList.parse(`${new URL(base).host},127.0.0.1:${closedPort}`);
  const guarded = createGuardedFetch({ allow, resolveHost });
  opened.push(guarded);
  return guarded.fetch;
}

/** A resolver failing like getaddrinfo does for a name that does not exist. */
const nxdomain: ResolveHost = async (name) => {
  throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
};
/** A resolver whose DNS server never answers. */
const unanswered: ResolveHost = () => new Promise(() => undefined);

/**
 * Runs the step while sampling `arrayBuffers + heapUsed` (Buffers live in the first), and returns
 * the largest growth over the level before it started.
 */
async function runMeasured(run: () => ReturnType<typeof runTestNode>) {
  const level = () => {
    const usage = process.memoryUsage();
    return usage.arrayBuffers + usage.heapUsed;
  };
  const baseline = level();
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, level());
  }, 2);
  const started = performance.now();
  try {
    const result = await run();
    return {
      ...result,
      elapsedMs: performance.now() - started,
      memoryGrowth: Math.max(peak, level()) - baseline,
    };
  } finally {
    clearInterval(sampler);
  }
}

interface FaultCase {
  fault: string;
  url: () => string;
  options?: Record<string, unknown>;
  resolveHost?: ResolveHost;
  port: 'error' | 'timeout';
  /** The one error the step reports. */
  error: () => string;
  /** `http.status` after the step: '' when no answer arrived. */
  status: string;
  /** Paths the allowed service received, in order. */
  requests: string[];
  /** How the service saw its last request end: answered in full, or dropped by the client. */
  connection?: 'answered' | 'dropped';
}

const fields = [{ variable: 'name', path: 'customer.name' }];

const cases: FaultCase[] = [
  {
    fault: 'target slow: no answer before the timeout',
    url: () => `${base}/hang`,
    options: { timeoutSeconds: 0.5 },
    port: 'timeout',
    error: () => `GET ${base}/hang gave no answer within 0.5 s`,
    status: '',
    requests: ['/hang'],
    connection: 'dropped',
  },
  {
    fault: 'target slow: headers, then a body that never ends',
    url: () => `${base}/drip`,
    options: { timeoutSeconds: 0.5, fields },
    port: 'timeout',
    error: () => `GET ${base}/drip answered HTTP 200 but did not finish within 0.5 s`,
    status: '200',
    requests: ['/drip'],
    connection: 'dropped',
  },
  {
    fault: 'target down: connection refused',
    url: () => `http://127.0.0.1:${closedPort}/lookup`,
    port: 'error',
    error: () =>
      `GET http://127.0.0.1:${closedPort}/lookup failed: connect ECONNREFUSED 127.0.0.1:${closedPort}`,
    status: '',
    requests: [],
  },
  {
    fault: 'host name that does not resolve',
    url: () => 'http://crm.invalid/lookup',
    resolveHost: nxdomain,
    port: 'error',
    error: () => 'GET http://crm.invalid/lookup failed: cannot resolve host crm.invalid (ENOTFOUND)',
    status: '',
    requests: [],
  },
  {
    fault: 'DNS server that never answers',
    url: () => 'http://crm.example/lookup',
    options: { timeoutSeconds: 0.5 },
    resolveHost: unanswered,
    port: 'timeout',
    error: () => 'GET http://crm.example/lookup gave no answer within 0.5 s',
    status: '',
    requests: [],
  },
  {
    fault: 'redirect loop (301 to itself)',
    url: () => `${base}/loop`,
    port: 'error',
    error: () => {
      const host = new URL(base).host;
      return `GET ${base}/loop failed: too many redirects (more than 5), the last one from ${host}`;
    },
    status: '',
    requests: Array(6).fill('/loop'),
    connection: 'answered',
  },
  {
    fault: 'redirect to the cloud metadata address',
    url: () => `${base}/to?url=${encodeURIComponent('http://169.254.169.254/latest/meta-data/')}`,
    port: 'error',
    error: () =>
      `GET ${base}/to failed: redirect refused: host 169.254.169.254 refused: 169.254.169.254 is a link-local address (add 169.254.169.254:80 to CALLFLOW_HTTP_ALLOW to allow it)`,
    status: '',
    requests: ['/to'],
    connection: 'answered',
  },
  {
    fault: 'redirect to a loopback address the allow list does not name',
    url: () => `${base}/to?url=${encodeURIComponent(`${forbiddenBase}/secret`)}`,
    port: 'error',
    error: () =>
      `GET ${base}/to failed: redirect refused: host 127.0.0.2 refused: 127.0.0.2 is a loopback address (add 127.0.0.2:${new URL(forbiddenBase).port} to CALLFLOW_HTTP_ALLOW to allow it)`,
    status: '',
    requests: ['/to'],
    connection: 'answered',
  },
  {
    fault: 'redirect to a file: address',
    url: () => `${base}/to?url=${encodeURIComponent('file:///etc/passwd')}`,
    port: 'error',
    error: () =>
      `GET ${base}/to failed: redirect refused: host file: refused: only http and https addresses may be called`,
    status: '',
    requests: ['/to'],
    connection: 'answered',
  },
  {
    fault: 'non-JSON answer when fields are wanted',
    url: () => `${base}/html`,
    options: { fields },
    port: 'error',
    error: () => `GET ${base}/html did not answer JSON`,
    status: '200',
    requests: ['/html'],
    connection: 'answered',
  },
  {
    fault: 'HTTP 500',
    url: () => `${base}/fail`,
    options: { fields },
    port: 'error',
    error: () => `GET ${base}/fail answered HTTP 500`,
    status: '500',
    requests: ['/fail'],
    connection: 'answered',
  },
  {
    fault: '50 MB answer, chunked, no content-length',
    url: () => `${base}/chunked`,
    options: { fields, maxResponseBytes: limitBytes },
    port: 'error',
    error: () => `GET ${base}/chunked sent an answer over the ${limitBytes}-byte limit; reading stopped`,
    status: '200',
    requests: ['/chunked'],
    connection: 'dropped',
  },
  {
    fault: '50 MB answer with a content-length over the limit',
    url: () => `${base}/declared`,
    options: { fields, maxResponseBytes: limitBytes },
    port: 'error',
    error: () =>
      `GET ${base}/declared announced ${hugeBytes} bytes, over the ${limitBytes}-byte limit; not read`,
    status: '200',
    requests: ['/declared'],
    connection: 'dropped',
  },
  {
    fault: 'HTTP 500 with a 50 MB answer',
    url: () => `${base}/fail-huge`,
    options: { maxResponseBytes: limitBytes },
    port: 'error',
    error: () => `GET ${base}/fail-huge sent an answer over the ${limitBytes}-byte limit; reading stopped`,
    status: '500',
    requests: ['/fail-huge'],
    connection: 'dropped',
  },
  {
    fault: 'gzip answer that inflates to 50 MB',
    url: () => `${base}/gzip-bomb`,
    options: { fields, maxResponseBytes: limitBytes },
    port: 'error',
    error: () => `GET ${base}/gzip-bomb sent an answer over the ${limitBytes}-byte limit; reading stopped`,
    status: '200',
    requests: ['/gzip-bomb'],
    connection: 'answered',
  },
];

describe('httpLookup through the runtime fetch: faulty services', () => {
  it.each(cases)('$fault → $port', async (fault) => {
    const run = await runMeasured(() =>
      runTestNode(
        { id: 'crm', kind: 'httpLookup', options: { url: fault.url(), ...fault.options } },
        { fetch: runtimeFetch(fault.resolveHost) },
      ),
    );

    expect(run.port).toBe(fault.port);
    expect(run.errors).toEqual([fault.error()]);
    expect(run.variables.get('http.status')).toBe(fault.status);
    expect(run.variables.get('vars.name')).toBeUndefined();
    expect(run.memoryGrowth).toBeLessThan(memoryBound);
    expect(seen.map((request) => request.path)).toEqual(fault.requests);
    expect(forbiddenSeen).toEqual([]);

    const last = seen.at(-1);
    if (fault.connection !== undefined && last !== undefined) {
      // The step gave up on the service: the connection must be closed, not left to run on.
      const closed = await last.closed;
      expect(closed.finished).toBe(fault.connection === 'answered');
      if (fault.connection === 'dropped') expect(closed.bytesSent).toBeLessThan(hugeBytes);
    }

    if (fault.port === 'timeout') {
      const timeoutMs = 500;
      // Small allowance for timer granularity below, for the scheduling of a loaded machine above.
      expect(run.elapsedMs).toBeGreaterThanOrEqual(timeoutMs - 20);
      expect(run.elapsedMs).toBeLessThan(timeoutMs + 4000);
    }
  });
});
