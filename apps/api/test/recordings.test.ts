import { request } from 'node:http';
import { FakeAriServer } from '@callflow/ari/testing';
import { recordingListResponseSchema } from '@callflow/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, startWithViewer } from './callsTestSession.ts';
import { type TestApi, testEngines } from './startTestApi.ts';

const ARI_USER = 'ari-user-7f3';
const ARI_PASSWORD = 'ari-pass-9c1e';

/** A WAV-looking file whose bytes are all different, so ranges are easy to check. */
const wav = new Uint8Array(1000).map((_, index) => index % 251);

interface Problems {
  error: string;
  message: string;
  problems?: { path: string; message: string }[];
}

function expectNoAriSecrets(text: string, fake: FakeAriServer): void {
  expect(text).not.toContain(ARI_USER);
  expect(text).not.toContain(ARI_PASSWORD);
  expect(text).not.toContain(String(fake.port));
}

/**
 * For answers about a call, which name its server: by default the runtime names a server by its
 * host:port (as `Call.asteriskServer` in the call log already shows), so only the URL is checked.
 */
function expectNoAriCredentials(text: string, fake: FakeAriServer): void {
  expect(text).not.toContain(ARI_USER);
  expect(text).not.toContain(ARI_PASSWORD);
  expect(text).not.toContain(fake.url);
}

describe.each(testEngines())('recordings through ARI on %s', (engine) => {
  let fake: FakeAriServer;
  let api: TestApi;
  let withoutAri: TestApi;
  let cookie: string;
  let withoutAriCookie: string;
  /** The one server, named as the runtime names it when only ARI_URL is given: host:port. */
  let server: string;
  let serverParam: string;

  beforeAll(async () => {
    fake = new FakeAriServer({ username: ARI_USER, password: ARI_PASSWORD });
    fake
      .route('GET', '/ari/recordings/stored', () => ({
        json: [
          { name: 'greeting', format: 'gsm' },
          { name: 'callflow/abc', format: 'wav' },
          { name: 'callflow/odd', format: 'wav' },
        ],
      }))
      .route('GET', '/ari/recordings/stored/callflow%2Fabc', () => ({
        json: { name: 'callflow/abc', format: 'wav' },
      }))
      .route('GET', '/ari/recordings/stored/callflow%2Fabc/file', () => ({
        body: wav,
        headers: { 'content-type': 'audio/wav' },
      }))
      .route('GET', '/ari/recordings/stored/callflow%2Fodd/file', () => ({
        body: '<script>alert(1)</script>',
        headers: { 'content-type': 'text/html' },
      }));
    await fake.start();
    server = `127.0.0.1:${fake.port}`;
    serverParam = `server=127.0.0.1%3A${fake.port}`;
    ({ api, cookie } = await startWithViewer(engine, {
      ARI_URL: fake.url,
      ARI_USERNAME: ARI_USER,
      ARI_PASSWORD: ARI_PASSWORD,
    }));
    ({ api: withoutAri, cookie: withoutAriCookie } = await startWithViewer(engine));

    await api.db.prisma.call.create({
      data: {
        id: 'call-rec',
        channelId: 'chan-1',
        asteriskServer: server,
        appName: 'callflow-100',
        extension: '100',
        startedAt: new Date('2026-03-01T10:00:00Z'),
      },
    });
    const step = (seq: number, kind: string, variables: Record<string, string> | null) => ({
      callId: 'call-rec',
      seq,
      nodeId: `n${seq}`,
      kind,
      enteredAt: new Date(Date.parse('2026-03-01T10:00:00Z') + seq * 1000),
      leftAt: new Date(Date.parse('2026-03-01T10:00:00Z') + seq * 1000 + 500),
      port: 'next',
      variables: variables === null ? null : JSON.stringify(variables),
    });
    await api.db.prisma.callStep.createMany({
      data: [
        step(4, 'record', { 'vars.recording': 'callflow/abc' }),
        step(1, 'start', null),
        step(2, 'setVariable', { 'vars.recording': 'not/a/recording' }),
        step(3, 'record', { 'vars.voicemail': 'callflow/missing' }),
        step(5, 'record', { 'vars.recording': 'callflow/../etc' }),
        step(6, 'record', { 'vars.recording': 'callflow/abc' }),
      ],
    });
  }, 60_000);
  afterAll(async () => {
    await api.stop();
    await withoutAri.stop();
    await fake.stop();
  });

  it('needs a login', async () => {
    expect((await getJson(api, null, '/recordings')).status).toBe(401);
    expect((await getJson(api, null, '/recordings/callflow%2Fabc/file')).status).toBe(401);
  });

  it('lists the stored recordings by name, with their server and where to fetch each file', async () => {
    const { status, body } = await getJson(api, cookie, '/recordings');
    expect(status).toBe(200);
    expect(body).toEqual({
      items: [
        {
          name: 'callflow/abc',
          format: 'wav',
          server,
          fileUrl: `/api/recordings/callflow%2Fabc/file?${serverParam}`,
        },
        {
          name: 'callflow/odd',
          format: 'wav',
          server,
          fileUrl: `/api/recordings/callflow%2Fodd/file?${serverParam}`,
        },
        { name: 'greeting', format: 'gsm', server, fileUrl: `/api/recordings/greeting/file?${serverParam}` },
      ],
      servers: [{ name: server, state: 'ok' }],
    });
    expect(recordingListResponseSchema.parse(body)).toEqual(body);
    const filtered = await getJson<{ items: { name: string }[] }>(api, cookie, '/recordings?prefix=greet');
    expect(filtered.body.items.map((item) => item.name)).toEqual(['greeting']);
    // The API authenticates to ARI; the browser never sees how.
    const [request] = fake.requestsTo('GET', '/ari/recordings/stored');
    expect(request?.headers.authorization).toBe(
      `Basic ${Buffer.from(`${ARI_USER}:${ARI_PASSWORD}`).toString('base64')}`,
    );
  });

  it('proxies a file with its content type, its name URL-encoded as one segment, without naming the only server', async () => {
    const response = await fetch(`${api.url}${'/api/recordings/callflow%2Fabc/file'}`, {
      headers: { cookie },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('audio/wav');
    expect(response.headers.get('content-disposition')).toBe('inline; filename="abc.wav"');
    expect(response.headers.get('accept-ranges')).toBe('bytes');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-length')).toBe('1000');
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(wav);
    expect(fake.requestsTo('GET', '/ari/recordings/stored/callflow%2Fabc/file')).toHaveLength(1);

    const named = await fetch(`${api.url}/api/recordings/callflow%2Fabc/file?${serverParam}`, {
      headers: { cookie },
    });
    expect(named.status).toBe(200);
    expect(new Uint8Array(await named.arrayBuffer())).toEqual(wav);
    expect(fake.requestsTo('GET', '/ari/recordings/stored/callflow%2Fabc/file')).toHaveLength(2);
  });

  it('answers byte ranges, as audio players ask for them', async () => {
    const ranged = async (range: string) => {
      const response = await fetch(`${api.url}/api/recordings/callflow%2Fabc/file`, {
        headers: { cookie, range },
      });
      return { response, bytes: new Uint8Array(await response.arrayBuffer()) };
    };
    const first = await ranged('bytes=0-9');
    expect(first.response.status).toBe(206);
    expect(first.response.headers.get('content-range')).toBe('bytes 0-9/1000');
    expect(first.bytes).toEqual(wav.subarray(0, 10));
    const tail = await ranged('bytes=-5');
    expect(tail.response.headers.get('content-range')).toBe('bytes 995-999/1000');
    expect(tail.bytes).toEqual(wav.subarray(995));
    const open = await ranged('bytes=990-');
    expect(open.bytes).toEqual(wav.subarray(990));
    const beyond = await ranged('bytes=1000-');
    expect(beyond.response.status).toBe(416);
    expect(beyond.response.headers.get('content-range')).toBe('bytes */1000');
    expect((await ranged('bytes=9-2')).response.status).toBe(200);
    const several = await ranged('bytes=0-1,5-6');
    expect(several.response.status).toBe(200);
    expect(several.bytes).toHaveLength(1000);
  });

  it('serves a file that is not audio only as a download', async () => {
    const response = await fetch(`${api.url}/api/recordings/callflow%2Fodd/file`, { headers: { cookie } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/octet-stream');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="odd"');
  });

  it('refuses names with `..`, empty segments or backslashes without asking ARI', async () => {
    const before = fake.requests.length;
    for (const name of [
      '..%2Fsecret',
      'callflow%2F..%2F..%2Fetc%2Fpasswd',
      '%2E%2E%2Fsecret',
      '%2Fetc%2Fpasswd',
      'a%2F%2Fb',
      'a%5Cb',
    ]) {
      const { status, body } = await getJson<Problems>(api, cookie, `/recordings/${name}/file`);
      expect(status, name).toBe(400);
      expect(body.problems?.[0]?.path).toBe('params.name');
    }
    // fetch() resolves `..` and `%2E%2E` segments itself; a raw request sends them as they are.
    for (const name of ['%2E%2E', '..']) {
      const status = await new Promise<number | undefined>((resolve, reject) => {
        const url = new URL(api.url);
        request({
          host: url.hostname,
          port: url.port,
          path: `/api/recordings/${name}/file`,
          headers: { cookie },
        })
          .on('response', (response) => {
            response.resume();
            resolve(response.statusCode);
          })
          .on('error', reject)
          .end();
      });
      expect(status, name).toBe(400);
    }
    expect(fake.requests.length).toBe(before);
  });

  it('answers a recording ARI does not have with 404', async () => {
    const { status, body } = await getJson<Problems>(api, cookie, '/recordings/callflow%2Fnope/file');
    expect(status).toBe(404);
    expect(body).toEqual({ error: 'not_found', message: 'recording callflow/nope does not exist' });
  });

  it("lists a call's recordings from its record steps, checked with ARI", async () => {
    const { status, body } = await getJson(api, cookie, '/calls/call-rec/recordings');
    expect(status).toBe(200);
    expect(body).toEqual({
      ari: 'ok',
      items: [
        {
          name: 'callflow/missing',
          nodeId: 'n3',
          seq: 3,
          recordedAt: '2026-03-01T10:00:03.000Z',
          fileUrl: `/api/recordings/callflow%2Fmissing/file?${serverParam}`,
          available: false,
          format: null,
        },
        {
          name: 'callflow/abc',
          nodeId: 'n4',
          seq: 4,
          recordedAt: '2026-03-01T10:00:04.000Z',
          fileUrl: `/api/recordings/callflow%2Fabc/file?${serverParam}`,
          available: true,
          format: 'wav',
        },
        {
          name: 'callflow/../etc',
          nodeId: 'n5',
          seq: 5,
          recordedAt: '2026-03-01T10:00:05.000Z',
          fileUrl: null,
          available: null,
          format: null,
        },
      ],
    });
    expect(fake.requests.some((request) => request.rawPath.includes('..'))).toBe(false);
    expect((await getJson(api, cookie, '/calls/nope/recordings')).status).toBe(404);
  });

  it('answers 503 with a clear message when the API has no ARI', async () => {
    const viewer = withoutAriCookie;
    for (const path of [
      '/recordings',
      '/recordings/callflow%2Fabc/file',
      '/recordings/greeting/file?server=a',
    ]) {
      const { status, body } = await getJson<Problems>(withoutAri, viewer, path);
      expect(status).toBe(503);
      expect(body.error).toBe('ari_not_configured');
      expect(body.message).toMatch(/ARI_URL/);
    }
    await withoutAri.db.prisma.call.create({
      data: { id: 'c1', channelId: 'ch', asteriskServer: 'a', appName: 'app', extension: '100' },
    });
    await withoutAri.db.prisma.callStep.create({
      data: {
        callId: 'c1',
        seq: 1,
        nodeId: 'rec',
        kind: 'record',
        enteredAt: new Date(),
        variables: JSON.stringify({ 'vars.recording': 'callflow/c1' }),
      },
    });
    const { status, body } = await getJson(withoutAri, viewer, '/calls/c1/recordings');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      ari: 'not_configured',
      items: [
        { name: 'callflow/c1', available: null, fileUrl: '/api/recordings/callflow%2Fc1/file?server=a' },
      ],
    });
  });

  it('never shows the ARI address or credentials when ARI refuses or is unreachable', async () => {
    fake.password = 'rotated';
    try {
      for (const path of ['/recordings', '/recordings/callflow%2Fabc/file']) {
        const response = await fetch(`${api.url}/api${path}`, { headers: { cookie } });
        const text = await response.text();
        expect(response.status).toBe(502);
        expect(JSON.parse(text)).toMatchObject({ error: 'ari_unauthorized' });
        // The list reports each server by name (host:port here); the file's error names nothing.
        if (path === '/recordings') expectNoAriCredentials(text, fake);
        else expectNoAriSecrets(text, fake);
      }
      const call = await getJson(api, cookie, '/calls/call-rec/recordings');
      expect(call.status).toBe(200);
      expect(call.body).toMatchObject({ ari: 'unavailable' });
      expectNoAriCredentials(JSON.stringify(call.body), fake);
    } finally {
      fake.password = ARI_PASSWORD;
    }

    await fake.stop();
    try {
      const response = await fetch(`${api.url}/api/recordings`, { headers: { cookie } });
      const text = await response.text();
      expect(response.status).toBe(502);
      // The only server failed: its error, and the report of each server (named, as in the call log).
      expect(JSON.parse(text)).toEqual({
        error: 'ari_unreachable',
        message: 'Asterisk (ARI) cannot be reached; see the API log',
        servers: [
          {
            name: server,
            state: 'unavailable',
            error: { error: 'ari_unreachable', message: 'Asterisk (ARI) cannot be reached; see the API log' },
          },
        ],
      });
      expectNoAriCredentials(text, fake);
    } finally {
      await fake.start();
    }
    // The details are in the API's log, for the operator; the password is not.
    expect(api.logs.some((line) => line.includes('unauthorized'))).toBe(true);
    expect(api.logs.join('\n')).not.toContain(ARI_PASSWORD);
    expect((await getJson(api, cookie, '/recordings')).status).toBe(200);
  });
});
