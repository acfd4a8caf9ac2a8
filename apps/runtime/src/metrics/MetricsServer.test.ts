import { afterEach, describe, expect, it } from 'vitest';
import { Logger } from '../log/Logger.ts';
import { MetricsRegistry } from './MetricsRegistry.ts';
import { MetricsServer } from './MetricsServer.ts';

const silent = new Logger('error', {}, () => {});
const servers: MetricsServer[] = [];

async function serve(registry = new MetricsRegistry()) {
  const server = new MetricsServer(registry, silent);
  servers.push(server);
  return { server, address: await server.listen('127.0.0.1', 0) };
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

describe('MetricsServer', () => {
  it('answers GET /metrics with the registry in the text format, read fresh on each scrape', async () => {
    const registry = new MetricsRegistry();
    const calls = registry.counter('test_calls_total', 'Calls.').labels();
    const { address } = await serve(registry);
    expect(address.url).toBe(`http://127.0.0.1:${address.port}/metrics`);
    expect(address.port).toBeGreaterThan(0);

    calls.inc();
    const first = await fetch(address.url);
    expect(first.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(await first.text()).toContain('test_calls_total 1\n');
    calls.inc();
    expect(await (await fetch(`${address.url}?x=1`)).text()).toContain('test_calls_total 2\n');
  });

  it('serves nothing else: 404 elsewhere, 405 for other methods, an empty body for HEAD', async () => {
    const { address } = await serve();
    const base = `http://127.0.0.1:${address.port}`;
    expect((await fetch(`${base}/`)).status).toBe(404);
    expect((await fetch(`${base}/api/flows`)).status).toBe(404);
    const post = await fetch(address.url, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    const head = await fetch(address.url, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('fails to listen on a port that is taken, saying why', async () => {
    const { address } = await serve();
    const second = new MetricsServer(new MetricsRegistry(), silent);
    await expect(second.listen('127.0.0.1', address.port)).rejects.toThrow(/EADDRINUSE/);
  });
});
