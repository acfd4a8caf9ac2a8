// ARI credentials and addresses never reach a viewer, whatever Asterisk answers.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, type RoleClients, testAdminEnv } from './loginAs.ts';
import { startTestApi, type TestApi, testEngines } from './startTestApi.ts';

const SLOW = { timeout: 60_000 };

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
