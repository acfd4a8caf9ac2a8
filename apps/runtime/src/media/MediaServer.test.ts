import { request } from 'node:http';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Logger } from '../log/Logger.ts';
import { type MediaRequestResult, MediaServer } from './MediaServer.ts';

const silent = new Logger('error', {}, () => {});
const servers: MediaServer[] = [];
const hash = `${'a'.repeat(63)}b`;
const file = Buffer.from([0x52, 0x49, 0x46, 0x46, 0, 0xff, 0x80, 1, 2, 3]);

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(
  find: (id: string) => Promise<Buffer | undefined> = async (id) => (id === hash ? file : undefined),
) {
  const results: MediaRequestResult[] = [];
  const asked: string[] = [];
  const server = new MediaServer({
    find: (id) => {
      asked.push(id);
      return find(id);
    },
    logger: silent,
    counted: (result) => results.push(result),
  });
  servers.push(server);
  const { port } = await server.listen('127.0.0.1', 0);
  return { base: `http://127.0.0.1:${port}`, port, results, asked };
}

/** A request with the target sent exactly as written (fetch would normalise `..` and case). */
function raw(port: number, target: string, method = 'GET'): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const sent = request({ host: '127.0.0.1', port, path: target, method }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => {
        body += chunk.toString('latin1');
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    sent.on('error', reject);
    sent.end();
  });
}

describe('MediaServer', () => {
  it('serves the file by hash with the headers that make Asterisk fetch it once: immutable, an ETag, audio/wav', async () => {
    const { base, results } = await serve();
    const answer = await fetch(`${base}/media/${hash}.wav`);
    expect(answer.status).toBe(200);
    expect(Buffer.from(await answer.arrayBuffer()).equals(file)).toBe(true);
    expect(answer.headers.get('content-type')).toBe('audio/wav');
    expect(answer.headers.get('content-length')).toBe(String(file.byteLength));
    expect(answer.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(answer.headers.get('etag')).toBe(`"${hash}"`);

    const head = await fetch(`${base}/media/${hash}.wav`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(file.byteLength));
    expect(await head.text()).toBe('');

    const revalidated = await fetch(`${base}/media/${hash}.wav`, {
      headers: { 'if-none-match': `"${hash}"` },
    });
    expect(revalidated.status).toBe(304);
    expect(results).toEqual(['served', 'served', 'not_modified']);
  });

  it('answers 404 for an id no audio has', async () => {
    const { base, results } = await serve();
    expect((await fetch(`${base}/media/${'c'.repeat(64)}.wav`)).status).toBe(404);
    expect(results).toEqual(['not_found']);
  });

  it('answers 404 without looking anything up for every other path: dot segments, encodings, case, length, query, other formats', async () => {
    const { port, asked, results } = await serve();
    const hostile = [
      `/media/../media/${hash}.wav`,
      `/media/${hash}.wav/..`,
      `/media/%2e%2e/${hash}.wav`,
      `/media/${hash.toUpperCase()}.wav`,
      `/media/${hash}.WAV`,
      `/media/${hash}a.wav`,
      `/media/${hash.slice(1)}.wav`,
      `/media/${'a'.repeat(5000)}.wav`,
      `/media/${hash}.wav?x=1`,
      `/media/${hash}.wav16`,
      `/media/${hash}.sln16`,
      `/media/${hash}`,
      `/media//${hash}.wav`,
      `//media/${hash}.wav`,
      `/media/${hash.slice(0, 60)}%61aab.wav`,
      `/MEDIA/${hash}.wav`,
      '/media/../../etc/passwd',
      '/',
      '/metrics',
      `http://127.0.0.1/media/${hash}.wav`,
    ];
    for (const target of hostile) expect((await raw(port, target)).status, target).toBe(404);
    expect(asked).toEqual([]);
    expect(results.every((result) => result === 'not_found')).toBe(true);
  });

  it('refuses every method but GET and HEAD', async () => {
    const { port, asked, results } = await serve();
    for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH']) {
      expect((await raw(port, `/media/${hash}.wav`, method)).status).toBe(405);
    }
    expect(asked).toEqual([]);
    expect(results).toEqual(Array(5).fill('method_not_allowed'));
  });

  it('answers 503 while the audio cannot be read (the database is down), and serves again once it can', async () => {
    let down = true;
    const { base, results } = await serve(async () => {
      if (down) throw new Error('connection refused');
      return file;
    });
    expect((await fetch(`${base}/media/${hash}.wav`)).status).toBe(503);
    down = false;
    expect((await fetch(`${base}/media/${hash}.wav`)).status).toBe(200);
    expect(results).toEqual(['unavailable', 'served']);
  });

  it('drops a client that never finishes its request (a slow client cannot hold sockets)', async () => {
    const server = new MediaServer({
      find: async () => file,
      logger: silent,
      counted: () => {},
      timeouts: { headersMs: 300, requestMs: 300, idleMs: 300 },
    });
    servers.push(server);
    const { port } = await server.listen('127.0.0.1', 0);
    const socket = connect(port, '127.0.0.1');
    const started = performance.now();
    const closed = new Promise((resolve) => socket.on('close', resolve));
    socket.on('error', () => {});
    socket.write(`GET /media/${hash}.wav HTTP/1.1\r\nHost: x\r\n`);
    await closed;
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('fails to listen on a port that is taken, saying why', async () => {
    const { port } = await serve();
    const second = new MediaServer({ find: async () => undefined, logger: silent, counted: () => {} });
    await expect(second.listen('127.0.0.1', port)).rejects.toThrow(/EADDRINUSE/);
  });
});
