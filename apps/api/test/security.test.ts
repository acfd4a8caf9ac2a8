// What a browser, a stolen cookie or another site can and cannot do with the API: a pending password
// change, login limits per address, security headers, requests from other sites, password hashing and
// session rotation (live streams and the end of their session: liveStreamSessions.test.ts).
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadApiConfig } from '../src/config/apiConfig.ts';
import type { ApiRoute } from '../src/http/implement.ts';
import { apiRoutes } from '../src/routes/apiRoutes.ts';
import { PasswordHashing } from '../src/services/auth/PasswordHashing.ts';
import {
  type ApiClient,
  apiClient,
  firstAdminReady,
  logIn,
  loginAs,
  type RoleClients,
  testAdminEnv,
} from './loginAs.ts';
import { startTestApi, type TestApi, testEngines, testPasswordHashing } from './startTestApi.ts';

const DUMMY_ID = '00000000-0000-0000-0000-000000000000';

/** `/flows/:flowId/versions{/:number}` → `/api/flows/<dummy>/versions/<dummy>`. */
function concretePath(route: ApiRoute): string {
  return `/api${route.path.replace(/[{}]/g, '').replace(/[:*]\w+/g, DUMMY_ID)}`;
}

/** The route's status and, when the answer is JSON, its `error` code (a stream is not read). */
async function answerOf(
  api: TestApi,
  client: ApiClient,
  route: ApiRoute,
): Promise<{ status: number; error: unknown }> {
  const hasBody = route.method !== 'get' && route.method !== 'delete';
  const response = await fetch(`${api.url}${concretePath(route)}`, {
    method: route.method.toUpperCase(),
    headers: {
      ...(client.cookie === '' ? {} : { cookie: client.cookie }),
      ...(hasBody ? { 'content-type': 'application/json' } : {}),
    },
    body: hasBody ? '{}' : undefined,
  });
  if (!(response.headers.get('content-type') ?? '').includes('json')) {
    await response.body?.cancel();
    return { status: response.status, error: undefined };
  }
  const body = (await response.json()) as { error?: unknown };
  return { status: response.status, error: body.error };
}

const SLOW = { timeout: 60_000 };

describe.each(testEngines())('a user who must change their password, on %s', SLOW, (engine) => {
  let api: TestApi;
  let as: RoleClients;
  /** An admin (the highest role) whose password an admin chose: mustChangePassword is set. */
  let pending: ApiClient;
  const password = 'given by an admin 1';
  beforeAll(async () => {
    api = await startTestApi(engine, testAdminEnv);
    as = await loginAs(api);
    const created = await as.admin.post('/api/users', { username: 'newcomer', password, role: 'admin' });
    expect(created.body).toMatchObject({ mustChangePassword: true });
    pending = await logIn(api, 'newcomer', password);
  }, 60_000);
  afterAll(async () => {
    await api.stop();
  });

  const guarded = apiRoutes.filter(
    (route) => route.access !== 'public' && route.allowedBeforePasswordChange !== true,
  );

  it('may only ask who they are and change their password', () => {
    expect(
      apiRoutes
        .filter((route) => route.access !== 'public' && route.allowedBeforePasswordChange === true)
        .map((route) => `${route.method} ${route.path}`)
        .sort(),
    ).toEqual(['get /session', 'put /session/password']);
    expect(guarded.length).toBeGreaterThan(10);
  });

  it.each(guarded.map((route) => ({ name: `${route.method.toUpperCase()} /api${route.path}`, route })))(
    'gets 403 password_change_required from $name',
    async ({ route }) => {
      expect(await answerOf(api, pending, route)).toEqual({ status: 403, error: 'password_change_required' });
    },
  );

  it('says why in words, and can still see who they are', async () => {
    const refused = await pending.get('/api/flows');
    expect(refused.body).toEqual({
      error: 'password_change_required',
      message:
        'choose a new password first (PUT /api/session/password): until then only logging out and changing the password are possible',
    });
    expect((await pending.get('/api/session')).body).toMatchObject({
      username: 'newcomer',
      mustChangePassword: true,
    });
  });

  it('the first admin too, until it has chosen its password', async () => {
    await api.db.prisma.user.updateMany({ where: { username: 'admin' }, data: { mustChangePassword: true } });
    const admin = await logIn(api, 'admin', testAdminEnv.CALLFLOW_ADMIN_PASSWORD ?? '');
    expect((await admin.get('/api/users')).status).toBe(403);
    await firstAdminReady(api);
    expect((await admin.get('/api/users')).status).toBe(200);
  });

  it('uses everything its role allows once the password is changed', async () => {
    const changed = await pending.put('/api/session/password', {
      currentPassword: password,
      newPassword: 'chosen by me 2',
    });
    expect(changed.status).toBe(200);
    const again = await logIn(api, 'newcomer', 'chosen by me 2');
    expect((await again.get('/api/users')).status).toBe(200);
  });
});

describe.each(testEngines())('failed logins on %s', SLOW, (engine) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(engine, testAdminEnv);
    await firstAdminReady(api);
  }, 60_000);
  afterAll(async () => {
    await api.stop();
  });

  /** A login from `ip` (the API trusts X-Forwarded-For from loopback, as from a local proxy). */
  const loginFrom = (ip: string, password: string) =>
    fetch(`${api.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
      body: JSON.stringify({ username: 'admin', password }),
    });

  it('from an attacker’s address do not lock the user out at their own', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 100; i++) statuses.push((await loginFrom('192.0.2.66', 'guessing')).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.slice(10)).toEqual(Array(90).fill(429));
    expect((await loginFrom('198.51.100.7', testAdminEnv.CALLFLOW_ADMIN_PASSWORD ?? '')).status).toBe(200);
  });
});

describe.each(testEngines())('passwords and sessions on %s', SLOW, (engine) => {
  let api: TestApi;
  let as: RoleClients;
  beforeAll(async () => {
    api = await startTestApi(engine, testAdminEnv);
    as = await loginAs(api);
  }, 60_000);
  afterAll(async () => {
    await api.stop();
  });

  it('upgrades a hash made with weaker parameters when its user logs in', async () => {
    const old = await new PasswordHashing({ N: 2 ** 10, r: 8, p: 1 }).hash('an old password');
    const user = await api.db.prisma.user.create({
      data: { username: 'oldtimer', passwordHash: old, role: 'viewer' },
    });
    await logIn(api, 'oldtimer', 'an old password');
    const stored = (await api.db.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash;
    const { N, r, p } = testPasswordHashing.parameters;
    expect(stored).toMatch(new RegExp(`^scrypt\\$N=${N},r=${r},p=${p}\\$`));
    expect(await testPasswordHashing.verify('an old password', stored)).toBe(true);
    // Logging in again leaves the upgraded hash alone.
    await logIn(api, 'oldtimer', 'an old password');
    expect((await api.db.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toBe(
      stored,
    );
  });

  it('gives the session a new cookie on a password change and ends every other one', async () => {
    await as.admin.post('/api/users', {
      username: 'rotator',
      password: 'rotator password 1',
      role: 'editor',
      mustChangePassword: false,
    });
    const here = await logIn(api, 'rotator', 'rotator password 1');
    const elsewhere = await logIn(api, 'rotator', 'rotator password 1');
    const response = await fetch(`${api.url}/api/session/password`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', cookie: here.cookie },
      body: JSON.stringify({ currentPassword: 'rotator password 1', newPassword: 'rotator password 2' }),
    });
    expect(response.status).toBe(200);
    const renewed = response.headers
      .getSetCookie()
      .map((header) => header.split(';')[0] ?? '')
      .find((pair) => pair.startsWith('callflow_session='));
    expect(renewed).toMatch(/^callflow_session=[\w-]{43}$/);
    expect(renewed).not.toBe(here.cookie);
    expect((await here.get('/api/session')).status).toBe(401);
    expect((await elsewhere.get('/api/session')).status).toBe(401);
    expect((await apiClient(api, renewed).get('/api/session')).body).toMatchObject({ username: 'rotator' });
    expect(await api.db.prisma.session.count({ where: { user: { username: 'rotator' } } })).toBe(1);
  });

  it('does the same when admins set their own password through the user list', async () => {
    const me = (await as.admin.get<{ id: string }>('/api/session')).body.id;
    const response = await fetch(`${api.url}/api/users/${me}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', cookie: as.admin.cookie },
      body: JSON.stringify({ password: 'my own new password' }),
    });
    expect(response.status).toBe(200);
    const renewed = response.headers
      .getSetCookie()
      .map((header) => header.split(';')[0] ?? '')
      .find((pair) => pair.startsWith('callflow_session='));
    expect((await as.admin.get('/api/session')).status).toBe(401);
    expect((await apiClient(api, renewed).get('/api/users')).status).toBe(200);
  });
});

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

describe.each(testEngines())('ARI settings never reach viewers, on %s', SLOW, (engine) => {
  const ARI_USER = 'ari-user-7c1';
  const ARI_PASSWORD = 'ari-pass-3e9f';
  let api: TestApi;
  let as: RoleClients;
  let ari: Server;
  let ariAddress = '';
  /** How the fake Asterisk answers: refuse the credentials, fail, or say something unparseable. */
  let mode: 'unauthorized' | 'error' | 'garbage' = 'unauthorized';
  beforeAll(async () => {
    ari = createServer((request, response) => {
      // An Asterisk that quotes what it was sent, as error messages sometimes do.
      const quoted = `${request.headers.authorization ?? ''} ${request.url ?? ''} user ${ARI_USER}`;
      if (mode === 'unauthorized') response.writeHead(401, { 'content-type': 'application/json' });
      else if (mode === 'error') response.writeHead(500, { 'content-type': 'application/json' });
      else response.writeHead(200, { 'content-type': 'application/json' });
      response.end(mode === 'garbage' ? `not json ${quoted}` : JSON.stringify({ message: quoted }));
    });
    await new Promise<void>((resolve) => ari.listen(0, '127.0.0.1', resolve));
    ariAddress = `127.0.0.1:${(ari.address() as AddressInfo).port}`;
    api = await startTestApi(engine, {
      ...testAdminEnv,
      ARI_SERVERS: JSON.stringify([
        { name: 'pbx-main', url: `http://${ariAddress}/ari`, username: ARI_USER, password: ARI_PASSWORD },
      ]),
    });
    as = await loginAs(api);
    const leaky = `ARI at http://${ARI_USER}:${ARI_PASSWORD}@${ariAddress}/ari/events?app=callflow-100 refused user ${ARI_USER} (connect ${ariAddress})`;
    await api.db.prisma.runtimeEvent.create({
      data: {
        level: 'error',
        type: 'ari_disconnected',
        message: leaky,
        asteriskServer: 'pbx-main',
        appName: 'callflow-100',
      },
    });
    await api.db.prisma.call.create({
      data: {
        id: 'leaky-call',
        channelId: 'chan-leaky',
        asteriskServer: 'pbx-main',
        appName: 'callflow-100',
        extension: '100',
        callerNumber: '5550100',
        startedAt: new Date(Date.now() - 5000),
        endedAt: new Date(),
        outcome: 'error',
        error: leaky,
      },
    });
    await api.db.prisma.callStep.create({
      data: {
        callId: 'leaky-call',
        seq: 1,
        nodeId: 'play',
        kind: 'play',
        enteredAt: new Date(Date.now() - 4000),
        leftAt: new Date(),
        port: 'error',
        error: leaky,
      },
    });
  }, 60_000);
  afterAll(async () => {
    await api.stop();
    ari.closeAllConnections();
    await new Promise((resolve) => ari.close(resolve));
  });

  function expectNothingOfAri(text: string, what: string): void {
    for (const secret of [
      ARI_USER,
      ARI_PASSWORD,
      ariAddress,
      Buffer.from(`${ARI_USER}:${ARI_PASSWORD}`).toString('base64'),
    ]) {
      expect(text, `${what} shows ${secret}`).not.toContain(secret);
    }
  }

  const paths = [
    '/api/runtime/events',
    '/api/runtime/status',
    '/api/calls',
    '/api/calls/leaky-call',
    '/api/calls/leaky-call/recordings',
    '/api/recordings',
    '/api/recordings/x/file?server=pbx-main',
    '/api/sounds',
  ];

  it.each(['unauthorized', 'error', 'garbage'] as const)(
    'in no answer to a viewer while Asterisk answers %s',
    async (which) => {
      mode = which;
      // A recording's file is passed on as Asterisk sends it: its bytes are the recording, not an error.
      for (const path of paths.filter((item) => which !== 'garbage' || !item.includes('/file'))) {
        const response = await fetch(`${api.url}${path}`, { headers: { cookie: as.viewer.cookie } });
        expectNothingOfAri(await response.text(), `${path} (HTTP ${response.status})`);
      }
    },
  );

  it('nor after the ARI port is closed', async () => {
    ari.closeAllConnections();
    await new Promise((resolve) => ari.close(resolve));
    for (const path of paths) {
      const response = await fetch(`${api.url}${path}`, { headers: { cookie: as.viewer.cookie } });
      expectNothingOfAri(await response.text(), `${path} (HTTP ${response.status})`);
    }
    ari = createServer();
  });

  it('keeps what a runtime wrote readable: the server by name, the rest marked', async () => {
    const events = await as.viewer.get<{ items: { message: string }[] }>('/api/runtime/events');
    expect(events.body.items[0]?.message).toBe(
      'ARI at [ARI server pbx-main] refused user [ARI user] (connect pbx-main)',
    );
    const call = await as.viewer.get<{ error: string; steps: { error: string }[] }>('/api/calls/leaky-call');
    expect(call.body.error).toBe(events.body.items[0]?.message);
    expect(call.body.steps[0]?.error).toBe(events.body.items[0]?.message);
  });
});
