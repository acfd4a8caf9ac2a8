import { FakeAriServer } from '@callflow/ari/testing';
import { recordingListResponseSchema } from '@callflow/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '../src/http/openApiDocument.ts';
import { apiRoutes } from '../src/routes/apiRoutes.ts';
import { getJson, startWithViewer } from './callsTestSession.ts';
import { type TestApi, testEngines } from './startTestApi.ts';
import { A, B, expectNothingOfAri, serversEnv } from './twoAriServers.ts';

const bytesA = new Uint8Array(300).map((_, index) => index % 7);
const bytesB = new Uint8Array(200).map((_, index) => 200 - (index % 13));

interface ErrorAnswer {
  error: string;
  message: string;
  server?: string;
  problems?: { path: string; message: string }[];
}

function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

/** A call on `server` whose record steps named callflow/b1, then callflow/a1. */
async function createCallWithRecordings(api: TestApi, id: string, server: string): Promise<void> {
  const { prisma } = api.db;
  await prisma.call.create({
    data: { id, channelId: `chan-${id}`, asteriskServer: server, appName: 'callflow-100', extension: '100' },
  });
  await prisma.callStep.createMany({
    data: ['callflow/b1', 'callflow/a1'].map((recording, index) => ({
      callId: id,
      seq: index + 1,
      nodeId: `rec${index + 1}`,
      kind: 'record',
      enteredAt: new Date(Date.parse('2026-03-01T10:00:00Z') + (index + 1) * 1000),
      variables: JSON.stringify({ 'vars.recording': recording }),
    })),
  });
}

describe.each(testEngines())('recordings on two Asterisk servers on %s', (engine) => {
  let a: FakeAriServer;
  let b: FakeAriServer;
  let api: TestApi;
  let cookie: string;

  beforeAll(async () => {
    a = new FakeAriServer({ username: A.user, password: A.password });
    a.route('GET', '/ari/recordings/stored', () => ({
      json: [
        { name: 'shared', format: 'gsm' },
        { name: 'callflow/a1', format: 'wav' },
      ],
    }))
      .route('GET', '/ari/recordings/stored/callflow%2Fa1', () => ({
        json: { name: 'callflow/a1', format: 'wav' },
      }))
      .route('GET', '/ari/recordings/stored/shared/file', () => ({
        body: bytesA,
        headers: { 'content-type': 'audio/x-gsm' },
      }));
    b = new FakeAriServer({ username: B.user, password: B.password });
    b.route('GET', '/ari/recordings/stored', () => ({
      json: [
        { name: 'callflow/b1', format: 'wav' },
        { name: 'shared', format: 'wav' },
      ],
    }))
      .route('GET', '/ari/recordings/stored/callflow%2Fb1', () => ({
        json: { name: 'callflow/b1', format: 'wav' },
      }))
      .route('GET', '/ari/recordings/stored/shared/file', () => ({
        body: bytesB,
        headers: { 'content-type': 'audio/wav' },
      }));
    await a.start();
    await b.start();
    ({ api, cookie } = await startWithViewer(engine, serversEnv(a, b)));

    await createCallWithRecordings(api, 'call-on-b', 'pbx-b');
    await createCallWithRecordings(api, 'call-elsewhere', 'pbx-gone');
  }, 60_000);
  afterAll(async () => {
    await api?.stop();
    await a?.stop();
    await b?.stop();
  });

  it('lists the recordings of every server, each with its server, by name then server', async () => {
    const { status, body } = await getJson(api, cookie, '/recordings');
    expect(status).toBe(200);
    expect(body).toEqual({
      items: [
        {
          name: 'callflow/a1',
          format: 'wav',
          server: 'pbx-a',
          fileUrl: '/api/recordings/callflow%2Fa1/file?server=pbx-a',
        },
        {
          name: 'callflow/b1',
          format: 'wav',
          server: 'pbx-b',
          fileUrl: '/api/recordings/callflow%2Fb1/file?server=pbx-b',
        },
        {
          name: 'shared',
          format: 'gsm',
          server: 'pbx-a',
          fileUrl: '/api/recordings/shared/file?server=pbx-a',
        },
        {
          name: 'shared',
          format: 'wav',
          server: 'pbx-b',
          fileUrl: '/api/recordings/shared/file?server=pbx-b',
        },
      ],
      servers: [
        { name: 'pbx-a', state: 'ok' },
        { name: 'pbx-b', state: 'ok' },
      ],
    });
    expect(recordingListResponseSchema.parse(body)).toEqual(body);
    const filtered = await getJson<{ items: { name: string; server: string }[] }>(
      api,
      cookie,
      '/recordings?prefix=callflow/',
    );
    expect(filtered.body.items.map((item) => `${item.server} ${item.name}`)).toEqual([
      'pbx-a callflow/a1',
      'pbx-b callflow/b1',
    ]);
    // Each server is asked with its own credentials (B's came from its passwordFile).
    expect(a.requestsTo('GET', '/ari/recordings/stored')[0]?.headers.authorization).toBe(
      basic(A.user, A.password),
    );
    expect(b.requestsTo('GET', '/ari/recordings/stored')[0]?.headers.authorization).toBe(
      basic(B.user, B.password),
    );
    expectNothingOfAri(JSON.stringify(body), a, b);
  });

  it('downloads a file from the server its URL names', async () => {
    const fromA = a.requestsTo('GET', '/ari/recordings/stored/shared/file').length;
    const response = await fetch(`${api.url}/api/recordings/shared/file?server=pbx-b`, {
      headers: { cookie },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('audio/wav');
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(bytesB);
    const other = await fetch(`${api.url}/api/recordings/shared/file?server=pbx-a`, {
      headers: { cookie, range: 'bytes=0-9' },
    });
    expect(other.status).toBe(206);
    expect(new Uint8Array(await other.arrayBuffer())).toEqual(bytesA.subarray(0, 10));
    expect(a.requestsTo('GET', '/ari/recordings/stored/shared/file')).toHaveLength(fromA + 1);
    expect(b.requestsTo('GET', '/ari/recordings/stored/shared/file')).toHaveLength(1);
  });

  it('refuses a download that does not say which of several servers has it, without asking any', async () => {
    const before = a.requests.length + b.requests.length;
    const { status, body } = await getJson<ErrorAnswer>(api, cookie, '/recordings/shared/file');
    expect(status).toBe(400);
    expect(body.error).toBe('invalid_request');
    expect(body.problems).toEqual([
      {
        severity: 'error',
        code: 'invalid-field',
        message: 'name the Asterisk server that has it: one of pbx-a, pbx-b',
        nodeId: null,
        edgeId: null,
        path: 'query.server',
      },
    ]);
    const unknown = await getJson<ErrorAnswer>(api, cookie, '/recordings/shared/file?server=pbx-z');
    expect(unknown.status).toBe(503);
    expect(unknown.body).toEqual({
      error: 'ari_server_not_configured',
      message: expect.stringContaining(
        "from the Asterisk server 'pbx-z', which this API is not configured with",
      ),
      server: 'pbx-z',
    });
    expect(a.requests.length + b.requests.length).toBe(before);
  });

  it('reads a call’s recordings from the server that handled it', async () => {
    const askedA = a.requests.length;
    const { status, body } = await getJson(api, cookie, '/calls/call-on-b/recordings');
    expect(status).toBe(200);
    expect(body).toEqual({
      ari: 'ok',
      items: [
        {
          name: 'callflow/b1',
          nodeId: 'rec1',
          seq: 1,
          recordedAt: '2026-03-01T10:00:01.000Z',
          fileUrl: '/api/recordings/callflow%2Fb1/file?server=pbx-b',
          available: true,
          format: 'wav',
        },
        {
          // pbx-a has a recording by this name; this call's server does not.
          name: 'callflow/a1',
          nodeId: 'rec2',
          seq: 2,
          recordedAt: '2026-03-01T10:00:02.000Z',
          fileUrl: '/api/recordings/callflow%2Fa1/file?server=pbx-b',
          available: false,
          format: null,
        },
      ],
    });
    expect(a.requests.length).toBe(askedA);
    expect(b.requestsTo('GET', '/ari/recordings/stored/callflow%2Fa1')).toHaveLength(1);
  });

  it('answers 503 naming the server for a call on a server the API is not configured with', async () => {
    const before = a.requests.length + b.requests.length;
    const { status, body } = await getJson<ErrorAnswer>(api, cookie, '/calls/call-elsewhere/recordings');
    expect(status).toBe(503);
    expect(body.error).toBe('ari_server_not_configured');
    expect(body.server).toBe('pbx-gone');
    expect(body.message).toBe(
      "the recordings of call call-elsewhere are read from the Asterisk server 'pbx-gone', which this API is not configured with (its servers: pbx-a, pbx-b); give the API the same ARI_SERVERS as the runtime",
    );
    expect(a.requests.length + b.requests.length).toBe(before);
    expect((await getJson(api, cookie, '/calls/nope/recordings')).status).toBe(404);
  });

  it('reports a server that cannot be reached and lists the others; fails only when none answers', async () => {
    await a.stop();
    try {
      const { status, body } = await getJson(api, cookie, '/recordings');
      expect(status).toBe(200);
      expect(body).toEqual({
        items: [
          {
            name: 'callflow/b1',
            format: 'wav',
            server: 'pbx-b',
            fileUrl: '/api/recordings/callflow%2Fb1/file?server=pbx-b',
          },
          {
            name: 'shared',
            format: 'wav',
            server: 'pbx-b',
            fileUrl: '/api/recordings/shared/file?server=pbx-b',
          },
        ],
        servers: [
          {
            name: 'pbx-a',
            state: 'unavailable',
            error: { error: 'ari_unreachable', message: 'Asterisk (ARI) cannot be reached; see the API log' },
          },
          { name: 'pbx-b', state: 'ok' },
        ],
      });
      expect(recordingListResponseSchema.parse(body)).toEqual(body);
      expectNothingOfAri(JSON.stringify(body), a, b);
      expect(api.logs.some((line) => line.includes('"server":"pbx-a"') && line.includes('unreachable'))).toBe(
        true,
      );
      // The other server's calls and files are unaffected.
      expect((await getJson(api, cookie, '/calls/call-on-b/recordings')).body).toMatchObject({ ari: 'ok' });
      expect((await getJson(api, cookie, '/recordings/shared/file?server=pbx-b')).status).toBe(200);
      expect((await getJson(api, cookie, '/recordings/shared/file?server=pbx-a')).status).toBe(502);

      await b.stop();
      const none = await getJson<ErrorAnswer & { servers: { name: string; state: string }[] }>(
        api,
        cookie,
        '/recordings',
      );
      expect(none.status).toBe(502);
      expect(none.body.error).toBe('ari_unreachable');
      expect(none.body.servers.map((server) => `${server.name} ${server.state}`)).toEqual([
        'pbx-a unavailable',
        'pbx-b unavailable',
      ]);
      expectNothingOfAri(JSON.stringify(none.body), a, b);
    } finally {
      await a.start();
      await b.start();
    }
    expect(api.logs.join('\n')).not.toContain(A.password);
    expect(api.logs.join('\n')).not.toContain(B.password);
    expect((await getJson(api, cookie, '/recordings')).status).toBe(200);
  });

  it('documents the server of a download in the OpenAPI document', () => {
    const paths = openApiDocument(apiRoutes).paths;
    expect(paths).toMatchObject({
      '/api/recordings/{name}/file': {
        get: {
          parameters: expect.arrayContaining([
            expect.objectContaining({ name: 'server', in: 'query', required: false }),
          ]),
        },
      },
    });
  });
});
