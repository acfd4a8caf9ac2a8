// What a browser and another site can and cannot do with the API: security headers, requests from
// other sites, allowed origins (live streams and the end of their session: liveStreamSessions.test.ts).
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadApiConfig } from '../src/config/apiConfig.ts';
import { loginAs, type RoleClients, testAdminEnv } from './loginAs.ts';
import { startTestApi, type TestApi, testEngines } from './startTestApi.ts';

const SLOW = { timeout: 60_000 };

const EXPECTED_POLICY =
  "default-src 'self'; script-src 'self'; script-src-attr 'none'; style-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; font-src 'self'; connect-src 'self'; worker-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

function expectSecurityHeaders(headers: Headers, what: string): void {
  expect(headers.get('content-security-policy'), what).toBe(EXPECTED_POLICY);
  expect(headers.get('x-content-type-options'), what).toBe('nosniff');
  expect(headers.get('referrer-policy'), what).toBe('no-referrer');
  expect(headers.get('x-frame-options'), what).toBe('DENY');
  expect(headers.get('cross-origin-opener-policy'), what).toBe('same-origin');
  expect(headers.get('cross-origin-resource-policy'), what).toBe('same-origin');
  expect(headers.get('x-powered-by'), what).toBeNull();
}

/** A request as sent through a proxy that keeps the browser's Host (the Vite dev server does). */
function sendWithHost(
  url: string,
  path: string,
  headers: Record<string, string>,
  body: string,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      `${url}${path}`,
      { method: 'POST', headers: { 'content-type': 'application/json', ...headers } },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

describe.each(testEngines())('what browsers are told and allowed, on %s', SLOW, (engine) => {
  let api: TestApi;
  let as: RoleClients;
  beforeAll(async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'api-security-')), 'dist');
    mkdirSync(join(dir, 'assets'), { recursive: true });
    writeFileSync(join(dir, 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(join(dir, 'assets', 'index-1.js'), 'console.log(1);');
    api = await startTestApi(engine, {
      ...testAdminEnv,
      EDITOR_DIR: dir,
      CALLFLOW_ALLOWED_ORIGINS: 'https://callflow.example.com',
    });
    as = await loginAs(api);
  }, 60_000);
  afterAll(async () => {
    await api.stop();
  });

  it('sends the security headers on every kind of answer', async () => {
    const page = { accept: 'text/html' };
    const answers: [string, Response][] = [
      ['the API', await fetch(`${api.url}/api/health`)],
      ['an API error', await fetch(`${api.url}/api/flows`)],
      ['an unknown API path', await fetch(`${api.url}/api/nothing-here`)],
      [
        'a malformed body',
        await fetch(`${api.url}/api/session`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{',
        }),
      ],
      ['the editor page', await fetch(`${api.url}/flows/x`, { headers: page })],
      ['an editor file', await fetch(`${api.url}/assets/index-1.js`)],
      ['a missing editor file', await fetch(`${api.url}/assets/gone.js`)],
      ['the OpenAPI document', await fetch(`${api.url}/api/openapi.json`)],
    ];
    for (const [what, response] of answers) {
      await response.body?.cancel();
      expectSecurityHeaders(response.headers, what);
    }
    expect(answers.map(([, response]) => response.status)).toEqual([200, 401, 404, 400, 200, 200, 404, 200]);
  });

  it('allows the API documentation page exactly its own inline style sheet', async () => {
    const response = await fetch(`${api.url}/api/docs`);
    const html = await response.text();
    const css = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
    const hash = createHash('sha256').update(css).digest('base64');
    expect(response.headers.get('content-security-policy')).toBe(
      EXPECTED_POLICY.replace("style-src 'self'", `style-src 'self' 'sha256-${hash}'`),
    );
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('refuses changes sent from another site’s page with 403, and says why', async () => {
    const attempts = [
      { method: 'POST', path: '/api/flows', body: '{"name":"From elsewhere"}' },
      { method: 'DELETE', path: '/api/session' },
      { method: 'PUT', path: '/api/session/password', body: '{}' },
    ];
    for (const { method, path, body } of attempts) {
      const response = await fetch(`${api.url}${path}`, {
        method,
        headers: {
          cookie: as.editor.cookie,
          'content-type': 'application/json',
          origin: 'https://evil.example',
        },
        body,
      });
      expect(response.status, `${method} ${path}`).toBe(403);
      expectSecurityHeaders(response.headers, `${method} ${path}`);
      expect(await response.json()).toEqual({
        error: 'cross_site_request',
        message:
          "changes can only be made from Callflow's own pages; this request comes from https://evil.example. If Callflow is also served at that address, add it to CALLFLOW_ALLOWED_ORIGINS",
      });
    }
    for (const origin of ['null', 'http://127.0.0.1:1', 'file://']) {
      const response = await fetch(`${api.url}/api/flows`, {
        method: 'POST',
        headers: { cookie: as.editor.cookie, 'content-type': 'application/json', origin },
        body: '{"name":"x"}',
      });
      expect(response.status, origin).toBe(403);
    }
    const noOrigin = await fetch(`${api.url}/api/flows`, {
      method: 'POST',
      headers: {
        cookie: as.editor.cookie,
        'content-type': 'application/json',
        'sec-fetch-site': 'cross-site',
      },
      body: '{"name":"x"}',
    });
    expect(noOrigin.status).toBe(403);
    expect(await api.db.prisma.flow.count()).toBe(0);
    // Still logged in: the DELETE /api/session above did nothing.
    expect((await as.editor.get('/api/session')).status).toBe(200);
  });

  it('accepts changes from its own pages, allowed origins and programs (no Origin)', async () => {
    const create = (headers: Record<string, string>) =>
      fetch(`${api.url}/api/flows`, {
        method: 'POST',
        headers: { cookie: as.editor.cookie, 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ name: `Flow ${Object.values(headers).join(' ')}` }),
      });
    expect((await create({ origin: api.url })).status).toBe(201);
    expect((await create({ origin: api.url, 'sec-fetch-site': 'same-origin' })).status).toBe(201);
    expect((await create({ origin: 'https://callflow.example.com' })).status).toBe(201);
    expect((await create({})).status).toBe(201);
    expect((await create({ 'sec-fetch-site': 'none' })).status).toBe(201);
    // Behind the Vite dev server: the browser's Host and Origin both name the dev server.
    const throughDevServer = await sendWithHost(
      api.url,
      '/api/session',
      { host: 'localhost:5173', origin: 'http://localhost:5173' },
      JSON.stringify({ username: 'nobody', password: 'wrong password' }),
    );
    expect(throughDevServer).toBe(401);
    // GET is never refused (it changes nothing), whatever the origin.
    const read = await fetch(`${api.url}/api/flows`, {
      headers: { cookie: as.editor.cookie, origin: 'https://evil.example' },
    });
    expect(read.status).toBe(200);
  });
});

describe('CALLFLOW_ALLOWED_ORIGINS', () => {
  it('takes comma-separated origins and names what is not one', () => {
    expect(
      loadApiConfig({ CALLFLOW_ALLOWED_ORIGINS: 'https://a.example, http://b.example:8080' })
        .CALLFLOW_ALLOWED_ORIGINS,
    ).toEqual(['https://a.example', 'http://b.example:8080']);
    expect(loadApiConfig({}).CALLFLOW_ALLOWED_ORIGINS).toEqual([]);
    expect(() => loadApiConfig({ CALLFLOW_ALLOWED_ORIGINS: 'https://a.example/path,ftp://c' })).toThrow(
      /https:\/\/a\.example\/path is not an origin[\s\S]*ftp:\/\/c is not an origin/,
    );
  });
});
