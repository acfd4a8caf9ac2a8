import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AriClient } from './AriClient.ts';
import { catchAriError } from './testing/catchAriError.ts';
import type { FakeAriServer } from './testing/FakeAriServer.ts';
import { bridgeJson, channelJson, playbackJson } from './testing/fixtures.ts';
import { openFakeAriClient } from './testing/openFakeAriClient.ts';

let server: FakeAriServer;
let client: AriClient;

beforeEach(async () => {
  ({ server, client } = await openFakeAriClient());
});

afterEach(() => server.stop());

/** `text` names neither the server (URL, host:port), the user nor the password. */
function expectNoSecrets(text: string, url: string, username: string, password: string): void {
  expect(text).not.toContain(url);
  expect(text).not.toContain(new URL(url).host);
  expect(text).not.toContain(username);
  expect(text).not.toContain(password);
}

describe('AriClient REST', () => {
  it('reads /asterisk/info with basic auth, whether or not the url ends in /ari', async () => {
    for (const url of [server.url, `${server.url}/ari`, `${server.url}/ari/`]) {
      const c = new AriClient({ url, username: server.username, password: server.password });
      const info = await c.asterisk.info();
      expect(info.system?.version).toBe('22.10.1');
      expect(c.baseUrl).toBe(server.url);
    }
    const req = server.requestsTo('GET', '/ari/asterisk/info')[0];
    expect(req?.headers.authorization).toBe(
      `Basic ${Buffer.from(`${server.username}:${server.password}`).toString('base64')}`,
    );
  });

  it('parses channel lists, keeping the fields the runtime reads', async () => {
    server.route('GET', '/ari/channels', () => ({
      json: [channelJson('c1'), channelJson('c2', { state: 'Up' })],
    }));
    const channels = await client.channels.list();
    expect(channels.map((c) => [c.id, c.state, c.caller.number])).toEqual([
      ['c1', 'Ring', '1001'],
      ['c2', 'Up', '1001'],
    ]);
    expect(Object.keys(channels[0] ?? {}).sort()).toEqual(['caller', 'id', 'name', 'state']);
  });

  it('encodes ids in the path and sends recording names with slashes as %2F', async () => {
    const wav = new Uint8Array([0x52, 0x49, 0x46, 0x46, 1, 2, 3]);
    server.route('GET', '/ari/recordings/stored/flows%2Fmain%20menu%2Fmsg-1/file', () => ({
      body: wav,
      headers: { 'content-type': 'audio/wav' },
    }));
    server.route('POST', '/ari/channels/a%2Fb%3Fc/answer', () => ({}));

    const file = await client.recordings.getStoredFile('flows/main menu/msg-1');
    expect(file.contentType).toBe('audio/wav');
    expect([...file.bytes]).toEqual([...wav]);
    await client.channels.answer('a/b?c');
    expect(server.requests.at(-1)?.rawPath).toBe('/ari/channels/a%2Fb%3Fc/answer');

    server.route('DELETE', /^\/ari\/recordings\/stored\//, () => ({}));
    await client.recordings.deleteStored('flows/x');
    expect(server.requests.at(-1)?.rawPath).toBe('/ari/recordings/stored/flows%2Fx');
  });

  it('plays media as one comma list with our own playback id', async () => {
    server.route('POST', '/ari/channels/c1/play/pb-1', () => ({ status: 201, json: playbackJson('pb-1') }));
    await client.channels.play('c1', {
      playbackId: 'pb-1',
      media: ['sound:hello-world', 'digits:123'],
      lang: 'en',
    });
    const req = server.requests.at(-1);
    expect(req?.rawPath).toBe('/ari/channels/c1/play/pb-1');
    expect(req?.query.get('media')).toBe('sound:hello-world,digits:123');
    expect(req?.query.get('lang')).toBe('en');
    expect(req?.query.has('offsetms')).toBe(false);
  });

  it('sends every record parameter under its ARI name', async () => {
    server.route('POST', '/ari/channels/c1/record', () => ({
      status: 201,
      json: { name: 'flows/v/1', format: 'wav', state: 'queued', target_uri: 'channel:c1' },
    }));
    const rec = await client.channels.record('c1', {
      name: 'flows/v/1',
      format: 'wav',
      maxDurationSeconds: 60,
      maxSilenceSeconds: 5,
      beep: true,
      terminateOn: '#',
      ifExists: 'overwrite',
    });
    expect(rec.state).toBe('queued');
    expect(Object.fromEntries(server.requests.at(-1)?.query ?? [])).toEqual({
      name: 'flows/v/1',
      format: 'wav',
      maxDurationSeconds: '60',
      maxSilenceSeconds: '5',
      beep: 'true',
      terminateOn: '#',
      ifExists: 'overwrite',
    });
  });

  it('creates a channel with query parameters and variables in the JSON body', async () => {
    server.route('POST', '/ari/channels/create', () => ({ json: channelJson('out-1', { state: 'Down' }) }));
    await client.channels.create({
      endpoint: 'PJSIP/bob',
      app: 'cf-200',
      appArgs: ['dialed', 'c1'],
      channelId: 'out-1',
      originator: 'c1',
      callerId: { name: 'Front desk', number: '+4930 123' },
      variables: { FLOW: 'main' },
    });
    const req = server.requests.at(-1);
    expect(Object.fromEntries(req?.query ?? [])).toEqual({
      endpoint: 'PJSIP/bob',
      app: 'cf-200',
      appArgs: 'dialed,c1',
      channelId: 'out-1',
      originator: 'c1',
    });
    expect(req?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(req?.body ?? '')).toEqual({
      variables: { FLOW: 'main', 'CALLERID(name)': 'Front desk', 'CALLERID(num)': '+4930 123' },
    });
  });

  it('never spells a space as + in the query (Asterisk decodes + as a space)', async () => {
    server.route('POST', '/ari/channels/c1/variable', () => ({}));
    await client.channels.setVariable('c1', 'GREETING', 'a b+c');
    const req = server.requests.at(-1);
    expect(req?.rawQuery).toBe('variable=GREETING&value=a%20b%2Bc');
    expect(req?.query.get('value')).toBe('a b+c');
  });

  it('maps the channel control calls to their ARI methods and paths', async () => {
    server.route('POST', /.*/, () => ({}));
    server.route('DELETE', /.*/, () => ({}));

    await client.channels.answer('c1');
    await client.channels.hangup('c1', { reason: 'busy' });
    await client.channels.hangup('c2', { reasonCode: 17 });
    await client.channels.dial('out-1', { caller: 'c1', timeout: 20 });
    await client.channels.continueInDialplan('c1', { context: 'after', extension: 's', priority: 1 });
    await client.channels.startMoh('c1', 'default');
    await client.channels.stopMoh('c1');

    const calls = server.requests.map((r) => `${r.method} ${r.rawPath}?${r.query.toString()}`);
    expect(calls).toEqual([
      'POST /ari/channels/c1/answer?',
      'DELETE /ari/channels/c1?reason=busy',
      'DELETE /ari/channels/c2?reason_code=17',
      'POST /ari/channels/out-1/dial?caller=c1&timeout=20',
      'POST /ari/channels/c1/continue?context=after&extension=s&priority=1',
      'POST /ari/channels/c1/moh?mohClass=default',
      'DELETE /ari/channels/c1/moh?',
    ]);
  });

  it('maps bridges, playbacks, recordings, device states and applications', async () => {
    server.route('POST', '/ari/bridges', () => ({ json: bridgeJson('b1') }));
    server.route('GET', '/ari/recordings/stored', () => ({ json: [{ name: 'flows/x', format: 'wav' }] }));
    server.route('GET', '/ari/recordings/stored/flows%2Fx', () => ({
      json: { name: 'flows/x', format: 'wav' },
    }));
    const app = { name: 'cf-200', channel_ids: ['c1'], bridge_ids: [], endpoint_ids: [], device_names: [] };
    server.route('GET', '/ari/applications/cf-200', () => ({ json: app }));
    for (const method of ['POST', 'DELETE', 'PUT']) {
      server.route(
        method,
        /\/(addChannel|removeChannel|moh|stop)$|^\/ari\/(bridges\/b1|playbacks\/pb-1)$/,
        () => ({}),
      );
      server.route(method, /^\/ari\/deviceStates\//, () => ({}));
    }

    expect((await client.bridges.create({ bridgeId: 'b1', type: 'mixing', name: 'call' })).id).toBe('b1');
    await client.bridges.addChannel('b1', 'c1', { role: 'caller' });
    await client.bridges.removeChannel('b1', 'c1');
    await client.bridges.startMoh('b1');
    await client.bridges.stopMoh('b1');
    await client.bridges.destroy('b1');
    await client.playbacks.stop('pb-1');
    expect(await client.recordings.listStored()).toEqual([{ name: 'flows/x', format: 'wav' }]);
    expect((await client.recordings.getStored('flows/x')).format).toBe('wav');
    await client.deviceStates.update('Stasis:q1', 'INUSE');
    expect((await client.applications.get('cf-200')).channel_ids).toEqual(['c1']);

    const calls = server.requests.map(
      (r) => `${r.method} ${r.rawPath}?${decodeURIComponent(r.query.toString())}`,
    );
    expect(calls).toEqual([
      'POST /ari/bridges?bridgeId=b1&type=mixing&name=call',
      'POST /ari/bridges/b1/addChannel?channel=c1&role=caller',
      'POST /ari/bridges/b1/removeChannel?channel=c1',
      'POST /ari/bridges/b1/moh?',
      'DELETE /ari/bridges/b1/moh?',
      'DELETE /ari/bridges/b1?',
      'DELETE /ari/playbacks/pb-1?',
      'GET /ari/recordings/stored?',
      'GET /ari/recordings/stored/flows%2Fx?',
      'PUT /ari/deviceStates/Stasis%3Aq1?deviceState=INUSE',
      'GET /ari/applications/cf-200?',
    ]);
  });
});

describe('AriClient errors', () => {
  it('turns 404 into a "gone" AriError naming the channel', async () => {
    server.route('POST', '/ari/channels/c9/answer', () => ({
      status: 404,
      json: { message: 'Channel not found' },
    }));
    const err = await catchAriError(client.channels.answer('c9'));
    expect(err).toMatchObject({
      status: 404,
      kind: 'not_found',
      method: 'POST',
      path: '/channels/c9/answer',
    });
    expect(err.isGone).toBe(true);
    expect(err.message).toContain("channel 'c9' not found");
    expect(err.message).toContain('Channel not found');
  });

  it('explains 409 (not in Stasis / in a bridge) and 412 (still dialing)', async () => {
    server.route('POST', '/ari/channels/c1/record', () => ({
      status: 409,
      json: { message: 'Channel is in a bridge' },
    }));
    server.route('POST', '/ari/channels/c1/answer', () => ({
      status: 412,
      json: { message: 'Channel in invalid state' },
    }));
    const conflict = await catchAriError(client.channels.record('c1', { name: 'x', format: 'wav' }));
    expect(conflict.kind).toBe('conflict');
    expect(conflict.message).toContain(
      "conflict on channel 'c1' (channel not in the Stasis app, in a bridge",
    );
    expect(conflict.message).toContain('Channel is in a bridge');
    const dialing = await catchAriError(client.channels.answer('c1'));
    expect(dialing).toMatchObject({ status: 412, kind: 'still_dialing' });
    expect(dialing.message).toContain('still dialing');
  });

  it('reports 401 as wrong credentials, naming neither the address, the user nor the password', async () => {
    const bad = new AriClient({ url: server.url, username: 'callflow-user', password: 'not-the-password' });
    const err = await catchAriError(bad.channels.list());
    expect(err).toMatchObject({ status: 401, kind: 'unauthorized' });
    expect(err.message).toBe(
      'ARI GET /channels: Asterisk rejected the ARI user name or password; Asterisk says: "Authentication required"',
    );
    expectNoSecrets(err.message, server.url, 'callflow-user', 'not-the-password');
  });

  it('reports 500 as an Asterisk internal error', async () => {
    server.route('POST', '/ari/channels/c1/record', () => ({
      status: 500,
      json: { message: 'Internal Server Error' },
    }));
    const err = await catchAriError(client.channels.record('c1', { name: 'x', format: 'wav' }));
    expect(err).toMatchObject({ status: 500, kind: 'server_error' });
    expect(err.message).toContain('Asterisk internal error');
  });

  it('reports an unreachable Asterisk by its error code, without its address', async () => {
    const url = server.url;
    await server.stop();
    const err = await catchAriError(client.asterisk.info());
    expect(err.kind).toBe('unreachable');
    expect(err.status).toBeUndefined();
    expect(err.message).toBe('ARI GET /asterisk/info: Asterisk unreachable; ECONNREFUSED');
    expectNoSecrets(err.message, url, 'callflow', server.password);
  });

  it("never copies a network error's message (which can hold the address) into its own", async () => {
    const url = 'http://pbx.internal:8088';
    const failing: typeof fetch = async (input) => {
      throw new TypeError('fetch failed', {
        cause: new Error(`connect to ${String(input)} as callflow:hunter2 failed`),
      });
    };
    const err = await catchAriError(
      new AriClient({ url, username: 'callflow', password: 'hunter2', fetch: failing }).channels.hangup('c1'),
    );
    expect(err.message).toBe('ARI DELETE /channels/c1: Asterisk unreachable; no answer');
    expectNoSecrets(err.message, url, 'callflow', 'hunter2');
  });

  it('refuses an ARI URL holding credentials, without repeating them', () => {
    let error: unknown;
    try {
      new AriClient({ url: 'http://callflow:hunter2@127.0.0.1:8088', username: 'callflow', password: 'x' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe(
      'the ARI URL must not contain a user name or password: give them as ARI_USERNAME and ARI_PASSWORD',
    );
  });

  it("flattens line breaks in Asterisk's error text and bounds its length", async () => {
    server.route('POST', '/ari/channels/c1/answer', () => ({
      status: 400,
      json: { message: `bad\nINFO forged log line\r\n${'x'.repeat(10_000)}` },
    }));
    const err = await catchAriError(client.channels.answer('c1'));
    expect(err.message).not.toMatch(/[\r\n]/);
    expect(err.message).toContain('bad INFO forged log line');
    expect(err.message.length).toBeLessThan(400);
  });

  it('rejects a body that does not match the schema', async () => {
    server.route('POST', '/ari/bridges', () => ({ json: { technology: 'simple_bridge' } }));
    const err = await catchAriError(client.bridges.create({ bridgeId: 'b1' }));
    expect(err.kind).toBe('invalid_response');
    expect(err.message).toContain('id');
  });
});

describe('AriClient request observer', () => {
  it('reports every request once when it ends, with its method and result', async () => {
    const ended: [string, string][] = [];
    const observed = new AriClient({
      url: server.url,
      username: server.username,
      password: server.password,
      observer: {
        requestEnded: (method, result, seconds) => {
          expect(seconds).toBeGreaterThanOrEqual(0);
          ended.push([method, result]);
        },
      },
    });
    server.route('POST', '/ari/channels/c1/answer', () => ({ status: 204 }));
    await observed.asterisk.info();
    await observed.channels.answer('c1');
    await catchAriError(observed.channels.hangup('gone'));
    server.route('GET', '/ari/channels', () => ({ json: [{ id: 42 }] }));
    await catchAriError(observed.channels.list());
    await server.stop();
    await catchAriError(observed.asterisk.info());
    expect(ended).toEqual([
      ['GET', 'ok'],
      ['POST', 'ok'],
      ['DELETE', 'not_found'],
      ['GET', 'invalid_response'],
      ['GET', 'unreachable'],
    ]);
    await server.start();
  });
});
