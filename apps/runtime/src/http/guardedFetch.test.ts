import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runTestNode } from '@callflow/flow/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createGuardedFetch, type GuardedFetch } from './guardedFetch.ts';
import { HostAllowList } from './HostAllowList.ts';
import { HttpHostRefusedError, type ResolvedAddress, type ResolveHost } from './HostPolicy.ts';

/** A local web service: `/ok` answers JSON, `/to?url=` redirects there, `/loop` redirects to itself. */
let server: Server;
let port = 0;
const seen: { method: string; path: string; host: string; authorization: string | undefined }[] = [];

function handle(request: IncomingMessage, response: ServerResponse): void {
  const url = new URL(request.url ?? '/', 'http://local');
  seen.push({
    method: request.method ?? '',
    path: url.pathname,
    host: request.headers.host ?? '',
    authorization: request.headers.authorization,
  });
  if (url.pathname === '/to') {
    response.writeHead(Number(url.searchParams.get('status') ?? 302), {
      location: url.searchParams.get('url') ?? '/',
    });
    response.end();
    return;
  }
  if (url.pathname === '/loop') {
    response.writeHead(302, { location: '/loop' });
    response.end();
    return;
  }
  response.setHeader('content-type', 'application/json');
  response.end(JSON.stringify({ path: url.pathname, method: request.method }));
}

beforeAll(async () => {
  server = createServer(handle);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const opened: GuardedFetch[] = [];
afterEach(async () => {
  seen.length = 0;
  await Promise.all(opened.splice(0).map((guarded) => guarded.close()));
});

/** Fake DNS: each name answers its list; a list of lists answers one list per lookup, in turn. */
function fakeDns(table: Record<string, string[] | string[][]>): ResolveHost & { calls: string[] } {
  const calls: string[] = [];
  const resolve = async (name: string): Promise<ResolvedAddress[]> => {
    calls.push(name);
    const entry = table[name];
    if (entry === undefined)
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
    const answers = entry.every((item) => typeof item === 'string')
      ? (entry as string[])
      : ((entry as string[][])[calls.filter((call) => call === name).length - 1] ?? []);
    return answers.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  return Object.assign(resolve, { calls });
}

function guarded(allow: string, dns: ResolveHost = fakeDns({}), pinAddresses?: boolean): GuardedFetch {
  const instance = createGuardedFetch({ allow: HostAllowList.parse(allow), resolveHost: dns, pinAddresses });
  opened.push(instance);
  return instance;
}

const local = (path: string) => `http://127.0.0.1:${port}${path}`;
const to = (url: string, status = 302) => local(`/to?status=${status}&url=${encodeURIComponent(url)}`);

describe('guarded fetch: host policy', () => {
  it('pins connections to checked addresses on this Node', () => {
    expect(guarded('').pinsAddresses).toBe(true);
  });

  it('refuses loopback by default, naming the host and the reason, without connecting', async () => {
    const { fetch } = guarded('');
    await expect(fetch(local('/ok'))).rejects.toThrow(
      new HttpHostRefusedError(
        '127.0.0.1',
        `127.0.0.1 is a loopback address (add 127.0.0.1:${port} to CALLFLOW_HTTP_ALLOW to allow it)`,
      ),
    );
    await expect(fetch(`http://[::1]:${port}/ok`)).rejects.toThrow(
      /host ::1 refused: ::1 is a loopback address/,
    );
    await expect(fetch(`http://[::ffff:127.0.0.1]:${port}/ok`)).rejects.toThrow(/loopback address/);
    // WHATWG URL parsing turns these spellings into 127.0.0.1 before the check.
    await expect(fetch(`http://2130706433:${port}/ok`)).rejects.toThrow(/host 127\.0\.0\.1 refused/);
    await expect(fetch(`http://0x7f.1:${port}/ok`)).rejects.toThrow(/host 127\.0\.0\.1 refused/);
    expect(seen).toEqual([]);
  });

  it('refuses a name when any of its addresses is internal', async () => {
    const { fetch } = guarded('', fakeDns({ 'crm.test': ['93.184.216.34', '10.0.0.5'] }));
    await expect(fetch('http://crm.test/ok')).rejects.toThrow(
      'host crm.test refused: it resolves to 10.0.0.5, a private address (add crm.test:80 to CALLFLOW_HTTP_ALLOW to allow it)',
    );
  });

  it.each([
    ['169.254.169.254', 'a link-local address'],
    ['[fe80::1]', 'a link-local address'],
    ['172.20.1.1', 'a private address'],
    ['192.168.1.10', 'a private address'],
    ['[fd12::1]', 'a private address'],
    ['0.0.0.0', 'an unspecified address'],
    ['[::]', 'an unspecified address'],
    ['224.0.0.1', 'a multicast address'],
    ['[ff02::1]', 'a multicast address'],
  ])('refuses %s as %s', async (host, reason) => {
    await expect(guarded('').fetch(`http://${host}/`)).rejects.toThrow(reason);
  });

  it('reports a name that does not resolve', async () => {
    await expect(guarded('').fetch('http://nowhere.test/')).rejects.toThrow(
      'cannot resolve host nowhere.test (ENOTFOUND)',
    );
  });

  it('refuses other protocols', async () => {
    await expect(guarded('').fetch('file:///etc/passwd')).rejects.toThrow(/only http and https/);
  });

  it('allows an internal address listed as an address or a CIDR range', async () => {
    for (const allow of [`127.0.0.1:${port}`, `127.0.0.0/8:${port}`, `10.0.0.0/8, 127.0.0.0/16:${port}`]) {
      const response = await guarded(allow).fetch(local('/ok'));
      expect(await response.json()).toEqual({ path: '/ok', method: 'GET' });
    }
    expect(seen).toHaveLength(3);
  });

  it('allows a listed host name whatever it resolves to, and connects to the address it resolved', async () => {
    // crm.test exists only in the fake DNS: reaching the server proves the pinned lookup is used.
    const dns = fakeDns({ 'crm.test': ['127.0.0.1'] });
    const response = await guarded(`crm.test:${port}`, dns).fetch(`http://CRM.test.:${port}/ok`);
    expect(response.status).toBe(200);
    expect(seen[0]?.host).toBe(`crm.test.:${port}`);
    // Checked before the request, then again by the connection's own lookup.
    expect(dns.calls).toEqual(['crm.test', 'crm.test']);
  });

  it('a listed name does not allow other internal hosts', async () => {
    const dns = fakeDns({ 'crm.test': ['127.0.0.1'], 'other.test': ['127.0.0.1'] });
    await expect(guarded(`crm.test:${port}`, dns).fetch(`http://other.test:${port}/ok`)).rejects.toThrow(
      'host other.test refused: it resolves to 127.0.0.1, a loopback address',
    );
  });

  it('refuses a name whose DNS answer turns internal between the check and the connection', async () => {
    const dns = fakeDns({ 'rebind.test': [['93.184.216.34'], ['127.0.0.1']] });
    await expect(guarded('', dns).fetch(`http://rebind.test:${port}/ok`)).rejects.toThrow(
      'host rebind.test refused: it resolves to 127.0.0.1, a loopback address',
    );
    expect(seen).toEqual([]);
  });

  it('without pinning, still checks every host before fetching', async () => {
    const unpinned = guarded('', fakeDns({}), false);
    expect(unpinned.pinsAddresses).toBe(false);
    await expect(unpinned.fetch(local('/ok'))).rejects.toThrow(/loopback/);
    const allowed = guarded(`127.0.0.1:${port}`, fakeDns({}), false);
    expect((await allowed.fetch(local('/ok'))).status).toBe(200);
  });

  it('stops at the abort signal while resolving', async () => {
    const slowDns: ResolveHost = () => new Promise(() => undefined);
    const controller = new AbortController();
    const pending = guarded('', slowDns).fetch('http://slow.test/', { signal: controller.signal });
    controller.abort(new Error('caller hung up'));
    await expect(pending).rejects.toThrow('caller hung up');
  });
});

describe('guarded fetch: ports of allowed internal hosts', () => {
  it('an entry without a port opens only ports 80 and 443, not the services beside them', async () => {
    const { fetch } = guarded('127.0.0.1, crm.test', fakeDns({ 'crm.test': ['127.0.0.1'] }));
    await expect(fetch(local('/ok'))).rejects.toThrow(
      `host 127.0.0.1 refused: 127.0.0.1 is a loopback address (add 127.0.0.1:${port} to CALLFLOW_HTTP_ALLOW to allow it)`,
    );
    await expect(fetch(`http://crm.test:${port}/ok`)).rejects.toThrow(
      `host crm.test refused: it resolves to 127.0.0.1, a loopback address (add crm.test:${port} to CALLFLOW_HTTP_ALLOW to allow it)`,
    );
    // ARI, the API and the metrics of a runtime on this machine.
    for (const servicePort of [8088, 3001, 9464])
      await expect(fetch(`http://127.0.0.1:${servicePort}/`)).rejects.toThrow(/loopback address/);
    expect(seen).toEqual([]);
  });

  it('an entry with a port opens that port only', async () => {
    const dns = fakeDns({ 'crm.test': ['127.0.0.1'] });
    const { fetch } = guarded(`127.0.0.1:${port}, crm.test:${port}, [::1]:${port}`, dns);
    expect((await fetch(local('/ok'))).status).toBe(200);
    expect((await fetch(`http://crm.test:${port}/ok`)).status).toBe(200);
    await expect(fetch('http://127.0.0.1:8088/ari/asterisk/info')).rejects.toThrow(
      'add 127.0.0.1:8088 to CALLFLOW_HTTP_ALLOW',
    );
    await expect(fetch('http://crm.test:8088/')).rejects.toThrow('add crm.test:8088 to CALLFLOW_HTTP_ALLOW');
    await expect(fetch('http://[::1]:8088/')).rejects.toThrow('add [::1]:8088 to CALLFLOW_HTTP_ALLOW');
    await expect(fetch('http://127.0.0.1/')).rejects.toThrow('add 127.0.0.1:80 to CALLFLOW_HTTP_ALLOW');
    expect(seen).toHaveLength(2);
  });

  it('a range with a port opens that port on every address of the range', async () => {
    const { fetch } = guarded(`127.0.0.0/8:${port}`);
    expect((await fetch(local('/ok'))).status).toBe(200);
    await expect(fetch('http://127.0.0.9:9464/metrics')).rejects.toThrow(/loopback address/);
  });

  it('refuses a redirect from an allowed port to another port of the same host', async () => {
    await expect(
      guarded(`127.0.0.1:${port}`).fetch(to('http://127.0.0.1:8088/ari/channels')),
    ).rejects.toThrow(
      'redirect refused: host 127.0.0.1 refused: 127.0.0.1 is a loopback address (add 127.0.0.1:8088',
    );
    expect(seen.map((request) => request.path)).toEqual(['/to']);
  });

  it('checks the port again when connecting: a name rebound to an address open on another port is refused', async () => {
    // 127.0.0.1 is open on port 8088 only; the name turns from public to 127.0.0.1 after the check.
    const dns = fakeDns({ 'rebind.test': [['93.184.216.34'], ['127.0.0.1']] });
    await expect(guarded('127.0.0.1:8088', dns).fetch(`http://rebind.test:${port}/ok`)).rejects.toThrow(
      `host rebind.test refused: it resolves to 127.0.0.1, a loopback address (add rebind.test:${port}`,
    );
    expect(seen).toEqual([]);
  });

  it('keeps working when more ports are used than connection pools are kept', async () => {
    const other = createServer(handle);
    other.listen(0, '127.0.0.1');
    await once(other, 'listening');
    const otherPort = (other.address() as AddressInfo).port;
    try {
      const instance = createGuardedFetch({
        allow: HostAllowList.parse(`127.0.0.1:${port},127.0.0.1:${otherPort}`),
        maxPools: 1,
      });
      opened.push(instance);
      for (const target of [port, otherPort, port, otherPort])
        expect((await instance.fetch(`http://127.0.0.1:${target}/ok`)).status).toBe(200);
    } finally {
      other.closeAllConnections();
      await new Promise((resolve) => other.close(resolve));
    }
  });
});

describe('guarded fetch: redirects', () => {
  it('follows allowed redirects', async () => {
    const response = await guarded(`127.0.0.1:${port}`).fetch(to(local('/ok')));
    expect(await response.json()).toEqual({ path: '/ok', method: 'GET' });
    expect(response.url).toBe(local('/ok'));
  });

  it('refuses a redirect to a denied host', async () => {
    const dns = fakeDns({ 'crm.test': ['127.0.0.1'], 'intranet.test': ['192.168.0.10'] });
    const { fetch } = guarded(`crm.test:${port}`, dns);
    await expect(
      fetch(`http://crm.test:${port}/to?url=${encodeURIComponent(local('/secret'))}`),
    ).rejects.toThrow('redirect refused: host 127.0.0.1 refused: 127.0.0.1 is a loopback address');
    await expect(fetch(`http://crm.test:${port}/to?url=http://intranet.test/`)).rejects.toThrow(
      'redirect refused: host intranet.test refused: it resolves to 192.168.0.10, a private address',
    );
    await expect(
      fetch(
        `http://crm.test:${port}/to?url=${encodeURIComponent('http://169.254.169.254/latest/meta-data/')}`,
      ),
    ).rejects.toThrow(/redirect refused: host 169\.254\.169\.254 refused/);
    expect(seen.map((request) => request.path)).toEqual(['/to', '/to', '/to']);
  });

  it('caps a redirect loop at 5 redirects', async () => {
    await expect(guarded(`127.0.0.1:${port}`).fetch(local('/loop'))).rejects.toThrow(
      `too many redirects (more than 5), the last one from 127.0.0.1:${port}`,
    );
    expect(seen.map((request) => request.path)).toEqual(Array(6).fill('/loop'));
  });

  it('turns a POST into a GET on 303 and keeps it on 307', async () => {
    const { fetch } = guarded(`127.0.0.1:${port}`);
    const post = { method: 'POST', body: '{"a":1}', headers: { 'content-type': 'application/json' } };
    expect(await (await fetch(to(local('/ok'), 303), post)).json()).toEqual({ path: '/ok', method: 'GET' });
    expect(await (await fetch(to(local('/ok'), 307), post)).json()).toEqual({ path: '/ok', method: 'POST' });
  });

  it('drops credentials on a redirect to another origin', async () => {
    const dns = fakeDns({ 'crm.test': ['127.0.0.1'] });
    const { fetch } = guarded(`127.0.0.1:${port},crm.test:${port}`, dns);
    await fetch(to(`http://crm.test:${port}/ok`), { headers: { authorization: 'Bearer k' } });
    expect(seen.map((request) => request.authorization)).toEqual(['Bearer k', undefined]);
  });

  it('honours redirect: manual and error', async () => {
    const { fetch } = guarded(`127.0.0.1:${port}`);
    const manual = await fetch(to('http://10.0.0.1/'), { redirect: 'manual' });
    expect(manual.status).toBe(302);
    expect(manual.headers.get('location')).toBe('http://10.0.0.1/');
    await expect(fetch(to(local('/ok')), { redirect: 'error' })).rejects.toThrow(/redirects are not allowed/);
  });
});

describe('guarded fetch in an httpLookup node', () => {
  it("takes the node's error port and reports the host and the reason", async () => {
    const node = { id: 'crm', kind: 'httpLookup', options: { url: to('http://10.0.0.1/admin') } };
    const refused = await runTestNode(node, { fetch: guarded('').fetch });
    expect(refused.port).toBe('error');
    expect(refused.errors).toEqual([
      `GET http://127.0.0.1:${port}/to failed: host 127.0.0.1 refused: 127.0.0.1 is a loopback address (add 127.0.0.1:${port} to CALLFLOW_HTTP_ALLOW to allow it)`,
    ]);
    const redirected = await runTestNode(node, { fetch: guarded(`127.0.0.1:${port}`).fetch });
    expect(redirected.port).toBe('error');
    expect(redirected.errors[0]).toMatch(
      /failed: redirect refused: host 10\.0\.0\.1 refused: 10\.0\.0\.1 is a private address/,
    );
  });
});
