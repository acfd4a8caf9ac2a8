import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runTestNode } from '../../testing/runTestNode.ts';
import { httpLookup } from './httpLookup.ts';
import { pickJsonField } from './pickJsonField.ts';

let server: Server;
let base = '';

beforeAll(async () => {
  server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://x');
    if (url.pathname === '/customer') {
      let body = '';
      request.on('data', (chunk) => {
        body += chunk;
      });
      request.on('end', () => {
        response.setHeader('content-type', 'application/json');
        response.end(
          JSON.stringify({
            customer: { name: 'Ann', tier: 'gold', tags: ['a'] },
            echo: body,
            auth: request.headers.authorization,
          }),
        );
      });
    } else if (url.pathname === '/fail') {
      response.statusCode = 500;
      response.end('{"error":"boom"}');
    } else if (url.pathname === '/slow') {
      setTimeout(() => response.end('{}'), 2000);
    } else if (url.pathname === '/html') {
      response.end('<html>not json</html>');
    } else if (url.pathname === '/huge') {
      // Streams far more than the cap without a content-length so the limit must hold while reading.
      const chunk = Buffer.alloc(64 * 1024, 'x');
      let sent = 0;
      const push = () => {
        while (sent < 50 * 1024 * 1024) {
          sent += chunk.length;
          if (!response.write(chunk)) return response.once('drain', push);
        }
        response.end();
      };
      response.on('error', () => undefined);
      push();
    } else if (url.pathname === '/loop') {
      response.statusCode = 302;
      response.setHeader('location', '/loop');
      response.end();
    } else {
      response.statusCode = 404;
      response.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const lookup = (options: Record<string, unknown>, setup: Parameters<typeof runTestNode>[1] = {}) =>
  runTestNode({ id: 'crm', kind: 'httpLookup', options }, setup);

describe('httpLookup', () => {
  it('stores JSON fields and the status, sending rendered headers and body', async () => {
    const run = await lookup(
      {
        method: 'POST',
        url: `${base}/customer?n={{caller.number}}`,
        headers: [{ name: 'Authorization', value: 'Bearer {{vars.token}}' }],
        body: '{"number":"{{caller.number}}"}',
        fields: [
          { variable: 'name', path: 'customer.name' },
          { variable: 'tags', path: 'customer.tags' },
          { variable: 'echo', path: 'echo' },
          { variable: 'auth', path: 'auth' },
          { variable: 'missing', path: 'customer.nothing' },
        ],
      },
      { variables: { 'caller.number': '1001', 'vars.token': 't0k' } },
    );
    expect(run.port).toBe('success');
    expect(run.variables.snapshot()).toMatchObject({
      'http.status': '200',
      'vars.name': 'Ann',
      'vars.tags': '["a"]',
      'vars.echo': '{"number":"1001"}',
      'vars.auth': 'Bearer t0k',
      'vars.missing': '',
    });
  });

  it('keeps caller-controlled text as data in the URL and in a JSON body', async () => {
    const run = await lookup(
      {
        method: 'POST',
        url: `${base}/customer?n={{caller.name}}`,
        body: '{"name":"{{caller.name}}"}',
        fields: [{ variable: 'echo', path: 'echo' }],
      },
      { variables: { 'caller.name': 'x","admin":true,"y":"&role=admin' } },
    );
    expect(run.port).toBe('success');
    expect(JSON.parse(run.variables.get('vars.echo') ?? '')).toEqual({
      name: 'x","admin":true,"y":"&role=admin',
    });
  });

  it('does not put the query string (which may hold keys) into the error it reports', async () => {
    const run = await lookup({ url: `${base}/fail?api_key=s3cret` });
    expect(run.errors[0]).toContain('/fail');
    expect(run.errors[0]).not.toContain('s3cret');
  });

  it("takes 'error' on HTTP 500 and records the status", async () => {
    const run = await lookup({ url: `${base}/fail` });
    expect(run.port).toBe('error');
    expect(run.variables.get('http.status')).toBe('500');
    expect(run.errors[0]).toMatch(/HTTP 500/);
  });

  it("takes 'timeout' when the service is slower than the timeout", async () => {
    const run = await lookup({ url: `${base}/slow`, timeoutSeconds: 0.3 });
    expect(run.port).toBe('timeout');
  });

  it("takes 'error' when fields are wanted but the answer is not JSON", async () => {
    const run = await lookup({ url: `${base}/html`, fields: [{ variable: 'x', path: 'x' }] });
    expect(run.port).toBe('error');
    expect(run.errors[0]).toMatch(/did not answer JSON/);
  });

  it("takes 'error' on a 50 MB answer without reading it all", async () => {
    const before = process.memoryUsage().rss;
    const run = await lookup({ url: `${base}/huge`, maxResponseBytes: 1024 * 1024 });
    expect(run.port).toBe('error');
    expect(run.errors[0]).toMatch(/over the 1048576-byte limit/);
    expect(process.memoryUsage().rss - before).toBeLessThan(40 * 1024 * 1024);
  });

  it("takes 'error' on a redirect loop", async () => {
    const run = await lookup({ url: `${base}/loop` });
    expect(run.port).toBe('error');
  });

  it("takes 'error' when nothing listens", async () => {
    const run = await lookup({ url: 'http://127.0.0.1:9/nothing' });
    expect(run.port).toBe('error');
    expect(run.errors[0]).toMatch(/failed/);
  });

  it("takes 'error' when the URL renders to something that is not http(s)", async () => {
    const run = await lookup({ url: '{{vars.none}}/x' });
    expect(run.port).toBe('error');
  });

  it('ends the call, not a port, when the caller hangs up mid-request', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    await expect(lookup({ url: `${base}/slow` }, { signal: controller.signal })).rejects.toThrow(/hung up/);
  });

  describe('substituted values never change the address', () => {
    const recordingFetch = () => {
      const urls: string[] = [];
      const fetchStub: typeof fetch = async (input) => {
        urls.push(String(input));
        return new Response('{}', { headers: { 'content-type': 'application/json' } });
      };
      return { urls, fetch: fetchStub };
    };

    it.each(['..', '.', '%2e%2e', '.%2E'])(
      "takes 'error' and sends nothing when a path value is a dot segment: %j",
      async (value) => {
        const stub = recordingFetch();
        const run = await lookup(
          { url: 'https://crm.example.com/users/{{vars.id}}/profile' },
          { variables: { 'vars.id': value }, fetch: stub.fetch },
        );
        if (value.includes('%')) {
          // `%` is encoded, so the segment stays data.
          expect(run.port).toBe('success');
          expect(stub.urls).toEqual([`https://crm.example.com/users/${encodeURIComponent(value)}/profile`]);
          return;
        }
        expect(run.port).toBe('error');
        expect(stub.urls).toEqual([]);
        expect(run.errors[0]).toMatch(/^url: /);
      },
    );

    it('encodes / ? # in a path value so it stays one segment', async () => {
      const stub = recordingFetch();
      const run = await lookup(
        { url: 'https://crm.example.com/users/{{vars.id}}?x=1' },
        { variables: { 'vars.id': '../a/b?c#d' }, fetch: stub.fetch },
      );
      expect(run.port).toBe('success');
      expect(stub.urls).toEqual(['https://crm.example.com/users/..%2Fa%2Fb%3Fc%23d?x=1']);
    });

    it.each([
      ['https://crm.example.com{{vars.x}}/a', '.evil.com'],
      ['https://crm.example.com{{vars.x}}/a', ''],
      ['https://{{vars.x}}/a', 'crm.example.com'],
      ['https://{{vars.x}}.example.com/a', 'crm'],
      ['{{vars.x}}/a', 'https://crm.example.com'],
    ])("takes 'error' when the host of %s would come from a variable", async (url, value) => {
      const stub = recordingFetch();
      const run = await lookup({ url }, { variables: { 'vars.x': value }, fetch: stub.fetch });
      expect(run.port).toBe('error');
      expect(stub.urls).toEqual([]);
      expect(run.errors[0]).toMatch(/host/);
    });

    it("takes 'error', not a crash, on a value that cannot be URL-encoded (a lone surrogate)", async () => {
      const stub = recordingFetch();
      const run = await lookup(
        { url: 'https://crm.example.com/q?n={{vars.x}}' },
        { variables: { 'vars.x': 'a\uD800b' }, fetch: stub.fetch },
      );
      expect(run.port).toBe('error');
      expect(stub.urls).toEqual([]);
    });

    it.each(['a\u0000b', 'a\u20ACb', 'a\uD800'])(
      "takes 'error', not a crash, on a header value no HTTP header can carry: %j",
      async (value) => {
        const stub = recordingFetch();
        const run = await lookup(
          { url: 'https://crm.example.com/q', headers: [{ name: 'X-Caller', value: '{{caller.name}}' }] },
          { variables: { 'caller.name': value }, fetch: stub.fetch },
        );
        expect(run.port).toBe('error');
        expect(stub.urls).toEqual([]);
        expect(run.errors[0]).toMatch(/^headers\.0\.value: /);
      },
    );

    it('never quotes a refused URL or header value in the error (it may be a key)', async () => {
      const stub = recordingFetch();
      const run = await lookup(
        { url: 'https://crm.example.com/q', headers: [{ name: 'Authorization', value: '{{vars.key}}' }] },
        { variables: { 'vars.key': 's3cret\u0000' }, fetch: stub.fetch },
      );
      expect(run.port).toBe('error');
      expect(run.errors[0]).not.toContain('s3cret');
    });
  });

  it.each(['https://{{vars.host}}/a', 'https://crm.example.com{{vars.x}}/a', '{{vars.base}}/lookup'])(
    'validation refuses a URL whose host comes from a variable: %s',
    (url) => {
      const options = httpLookup.options.parse({ url });
      expect(httpLookup.check?.(options)).toEqual([
        { path: ['url'], message: expect.stringMatching(/host .*written in the flow/) },
      ]);
    },
  );

  it('validation accepts variables after the host, and credentials from variables', () => {
    const options = httpLookup.options.parse({
      url: 'https://{{vars.user}}:{{vars.password}}@crm.example.com/{{vars.id}}?q={{caller.number}}',
    });
    expect(httpLookup.check?.(options)).toEqual([]);
  });
});

describe('httpLookup refuses answers that would freeze or flood the call', () => {
  const answering =
    (text: string): typeof fetch =>
    async () =>
      new Response(text, { headers: { 'content-type': 'application/json' } });
  const field = [{ variable: 'name', path: 'name' }];

  it('keeps answers to 1 MB at most, 256 KB unless the flow says otherwise', () => {
    expect(httpLookup.options.parse({ url: 'https://crm.example.com/' }).maxResponseBytes).toBe(256 * 1024);
    expect(
      httpLookup.options.safeParse({ url: 'https://crm.example.com/', maxResponseBytes: 1024 * 1024 })
        .success,
    ).toBe(true);
    expect(
      httpLookup.options.safeParse({ url: 'https://crm.example.com/', maxResponseBytes: 1024 * 1024 + 1 })
        .success,
    ).toBe(false);
  });

  it("takes 'error' at once on a 1 MB answer of nested brackets, before parsing it", async () => {
    // 5 MB of [ then ] blocked the process for 11 s in JSON.parse (0.5 s at 1 MB).
    const half = 512 * 1024;
    const parse = vi.spyOn(JSON, 'parse');
    try {
      const run = await lookup(
        { url: 'https://crm.example.com/q', fields: field, maxResponseBytes: 1024 * 1024 },
        { fetch: answering('['.repeat(half) + ']'.repeat(half)) },
      );
      expect(run.port).toBe('error');
      expect(run.errors[0]).toBe(
        'GET https://crm.example.com/q answered JSON nested more than 64 levels deep; not read',
      );
      // Refused by the depth scan: the answer never reached JSON.parse.
      expect(parse.mock.calls.filter(([text]) => typeof text === 'string' && text.length >= half)).toEqual(
        [],
      );
    } finally {
      parse.mockRestore();
    }
  });

  it('accepts an answer nested 64 levels and refuses 65', async () => {
    const nested = (levels: number) => `${'{"a":'.repeat(levels - 1)}{"name":"Ann"}${'}'.repeat(levels - 1)}`;
    const deepest = await lookup(
      { url: 'https://crm.example.com/q', fields: field },
      { fetch: answering(nested(64)) },
    );
    expect(deepest.port).toBe('success');
    const deeper = await lookup(
      { url: 'https://crm.example.com/q', fields: field },
      { fetch: answering(nested(65)) },
    );
    expect(deeper.port).toBe('error');
    expect(deeper.errors[0]).toMatch(/nested more than 64 levels/);
  });

  it('counts no bracket inside a string, escaped quotes included', async () => {
    const name = `\\"[{${'['.repeat(200)}\\\\`;
    const run = await lookup(
      { url: 'https://crm.example.com/q', fields: field },
      { fetch: answering(`{"name":"${name}","x":[1]}`) },
    );
    expect(run.port).toBe('success');
    expect(run.variables.get('vars.name')).toBe(JSON.parse(`"${name}"`));
  });
});

describe('pickJsonField', () => {
  it('refuses a value nested deeper than the limit instead of overflowing the stack', () => {
    let deep: unknown = 'bottom';
    for (let level = 0; level < 100_000; level++) deep = [deep];
    expect(() => pickJsonField({ a: deep }, 'a', 64)).toThrow(/field a is nested more than 64 levels deep/);
    expect(pickJsonField({ a: [[1]] }, 'a', 64)).toBe('[[1]]');
  });
});

describe('httpLookup options are bounded', () => {
  const options = (overrides: Record<string, unknown>) =>
    httpLookup.options.safeParse({ url: 'https://crm.example.com/', ...overrides });

  it('takes header names that are HTTP tokens of at most 64 characters', () => {
    expect(options({ headers: [{ name: 'X-Api-Key', value: 'k' }] }).success).toBe(true);
    expect(options({ headers: [{ name: 'X'.repeat(64), value: 'k' }] }).success).toBe(true);
    for (const name of ['X'.repeat(65), 'X Api', 'X:y', '', 'Ä'])
      expect(options({ headers: [{ name, value: 'k' }] }).success, name).toBe(false);
  });

  it('takes field paths of at most 200 characters', () => {
    expect(options({ fields: [{ variable: 'a', path: 'a'.repeat(200) }] }).success).toBe(true);
    const long = options({ fields: [{ variable: 'a', path: 'a.'.repeat(50_000).slice(0, -1) }] });
    expect(long.error?.issues).toEqual([
      expect.objectContaining({ path: ['fields', 0, 'path'], code: 'too_big' }),
    ]);
  });
});

describe('httpLookup stores bounded values', () => {
  const answering =
    (body: unknown): typeof fetch =>
    async () =>
      new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });

  it("takes 'error' and stores no field when one is over 4,096 characters", async () => {
    const run = await lookup(
      {
        url: 'https://crm.example.com/q',
        maxResponseBytes: 1024 * 1024,
        fields: [
          { variable: 'name', path: 'name' },
          { variable: 'notes', path: 'notes' },
        ],
      },
      {
        fetch: answering({ name: 'Ann', notes: 'n'.repeat(1_000_000) }),
        variables: { 'vars.name': 'before' },
      },
    );
    expect(run.port).toBe('error');
    expect(run.errors).toEqual([
      'GET https://crm.example.com/q: vars.notes: 1000000 characters, more than the 4096 a call variable can hold; no field stored',
    ]);
    expect(run.variables.get('vars.name')).toBe('before');
    expect(run.variables.get('vars.notes')).toBeUndefined();
  });

  it('stores fields of up to 4,096 characters, objects as JSON', async () => {
    const run = await lookup(
      { url: 'https://crm.example.com/q', fields: [{ variable: 'notes', path: 'notes' }] },
      { fetch: answering({ notes: 'n'.repeat(4096) }) },
    );
    expect(run.port).toBe('success');
    expect(run.variables.get('vars.notes')).toHaveLength(4096);
  });
});

describe('httpLookup in a call that holds every variable it can', () => {
  it("takes 'error' without sending, instead of ending the call, when http.status cannot be stored", async () => {
    const requests: string[] = [];
    const many = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`vars.v${i}`, 'x']));
    const run = await lookup(
      { url: 'https://crm.example.com/q' },
      {
        variables: many,
        fetch: async (input) => {
          requests.push(String(input));
          return new Response('{}');
        },
      },
    );
    expect(run.port).toBe('error');
    expect(run.errors).toEqual([
      'http.status: not stored; the call already holds 200 variables, the most it can',
    ]);
    expect(requests).toEqual([]);
  });
});
