import { describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { AriClient } from './AriClient.ts';
import type { AriEvent, UnknownAriEvent } from './ariEvents.ts';
import { AriAppConnection, type AriInvalidEvent, type AriLogger } from './index.ts';
import { AppConnectionBench } from './testing/AppConnectionBench.ts';
import { FakeAriServer } from './testing/FakeAriServer.ts';
import { channelJson } from './testing/fixtures.ts';

const PASSWORD = AppConnectionBench.password;
const freePort = () => AppConnectionBench.freePort();

const bench = AppConnectionBench.forEachTest();
const { makeConnection, logged } = bench;

const silent: AriLogger = { info: () => {}, warn: () => {}, error: () => {} };

/**
 * Resolves once another connection, started now with this file's backoff (20 ms doubling to 80 ms)
 * to a port nobody listens on, has failed four times (20 + 40 + 80 ms of backoff between them). Any
 * retry timer the connection under test has pending now is due within 80 ms, and timers fire in
 * order: by then it has fired, and its attempt has announced itself (`connecting`).
 */
async function aFullBackoffLater(): Promise<void> {
  const control = new AriAppConnection({
    client: new AriClient({
      url: `http://127.0.0.1:${await freePort()}`,
      username: 'callflow',
      password: 'unused',
    }),
    app: 'cf-control',
    logger: silent,
    backoff: { initialMs: 20, maxMs: 80, jitter: 0 },
    connectTimeoutMs: 1_000,
    keepaliveMs: 0,
  });
  let failures = 0;
  control.onStateChange((state) => {
    if (state.status === 'disconnected') failures += 1;
  });
  control.start();
  try {
    await vi.waitFor(() => expect(failures).toBeGreaterThanOrEqual(4), { timeout: 5_000 });
  } finally {
    await control.stop();
  }
}

describe('AriAppConnection', () => {
  it('checks credentials over REST, then registers the app with app, subscribeAll and api_key in the URL', async () => {
    const urls: string[] = [];
    const { conn, states } = makeConnection({
      createWebSocket: (url, options) => {
        urls.push(url);
        return new WebSocket(url, options);
      },
    });
    const connection = bench.server.nextConnection();
    conn.start();
    const socket = await connection;
    await vi.waitFor(() => expect(conn.state).toEqual({ status: 'connected', reconnected: false }));

    expect(bench.server.requests.map((r) => `${r.method} ${r.rawPath}`)).toEqual(['GET /ari/asterisk/info']);
    expect(socket.app).toBe('cf-200');
    expect(socket.subscribeAll).toBe('false');
    expect(socket.apiKey).toBe(`callflow:${PASSWORD}`);
    expect(urls).toEqual([
      `ws://127.0.0.1:${bench.server.port}/ari/events?app=cf-200&subscribeAll=false&api_key=${encodeURIComponent(`callflow:${PASSWORD}`)}`,
    ]);
    expect(conn.eventsUrlForLog).toContain('api_key=callflow:***');
    expect(states.map((s) => s.status)).toEqual(['connecting', 'connected']);
    expect(bench.lines).toEqual([
      expect.objectContaining({
        level: 'info',
        message: `ARI app 'cf-200' registered at ${bench.server.url}`,
      }),
    ]);
  });

  it('delivers parsed events, passes unknown types through and reports malformed ones without stopping', async () => {
    const { conn } = makeConnection();
    const events: AriEvent[] = [];
    const unknown: UnknownAriEvent[] = [];
    const invalid: AriInvalidEvent[] = [];
    conn.onEvent(() => {
      throw new Error('listener bug');
    });
    conn.onEvent(async (event) => {
      if (event.type === 'StasisEnd') throw new Error('async listener bug');
    });
    conn.onEvent((event) => {
      events.push(event);
    });
    conn.onUnknownEvent((event) => {
      unknown.push(event);
    });
    conn.onInvalidEvent((event) => {
      invalid.push(event);
    });
    const connection = bench.server.nextConnection();
    conn.start();
    const socket = await connection;
    await vi.waitFor(() => expect(conn.state.status).toBe('connected'));

    socket.send({ type: 'StasisStart', args: ['x'], channel: channelJson('c1') });
    socket.send({ type: 'ChannelTalkingStarted', channel: channelJson('c1') });
    socket.sendRaw('{not json');
    socket.send({ type: 'ChannelDtmfReceived', channel: channelJson('c1') });
    socket.send({ type: 'ChannelDtmfReceived', digit: '5', duration_ms: 100, channel: channelJson('c1') });
    socket.send({ type: 'StasisEnd', channel: channelJson('c1') });

    await vi.waitFor(() => expect(events).toHaveLength(3));
    expect(events.map((e) => e.type)).toEqual(['StasisStart', 'ChannelDtmfReceived', 'StasisEnd']);
    const start = events[0];
    expect(start?.type === 'StasisStart' && start.channel.caller.number).toBe('1001');
    expect(unknown.map((e) => e.type)).toEqual(['ChannelTalkingStarted']);
    expect(invalid.map((e) => e.type)).toEqual([undefined, 'ChannelDtmfReceived']);
    expect(invalid[0]?.raw).toBe('{not json');
    expect(logged(/malformed ARI event/)).toHaveLength(2);
    expect(logged(/malformed ARI event 'ChannelDtmfReceived'/)[0]?.message).toContain('digit');
    await vi.waitFor(() => expect(logged(/ARI listener failed/)).toHaveLength(4));
    expect(conn.state.status).toBe('connected');
  });

  it('on a wrong password logs one line, retries with capped backoff, and logs once when it gets in', async () => {
    bench.server.password = 'the-real-one';
    const { conn, states } = makeConnection();
    conn.start();

    // The client's states, not the server's request log: the server sees a request before the client
    // has read the 401 and reported it.
    await vi.waitFor(() =>
      expect(states.filter((s) => s.status === 'disconnected').length).toBeGreaterThanOrEqual(5),
    );
    expect(bench.server.sockets).toHaveLength(0);
    const rejected = logged(/rejected user/);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toMatchObject({
      level: 'error',
      message: `ARI at ${bench.server.url} rejected user 'callflow': wrong ARI username or password; retrying with backoff up to 80 ms`,
    });
    const retries = states.flatMap((s) => (s.status === 'disconnected' ? [[s.reason, s.retryInMs]] : []));
    expect(retries.slice(0, 5)).toEqual([
      ['unauthorized', 20],
      ['unauthorized', 40],
      ['unauthorized', 80],
      ['unauthorized', 80],
      ['unauthorized', 80],
    ]);

    bench.server.password = PASSWORD;
    await vi.waitFor(() => expect(conn.state.status).toBe('connected'));
    expect(logged(/rejected user/)).toHaveLength(1);
    expect(logged(/registered/)).toEqual([
      expect.objectContaining({
        level: 'info',
        message: `ARI app 'cf-200' registered at ${bench.server.url}`,
      }),
    ]);
    expect(bench.lines).toHaveLength(2);
  });

  it('keeps retrying while Asterisk is down and connects when it comes up', async () => {
    const port = await freePort();
    await bench.server.stop();
    const { conn, states } = makeConnection({ url: `http://127.0.0.1:${port}/ari` });
    conn.start();

    await vi.waitFor(() =>
      expect(states.filter((s) => s.status === 'connecting').length).toBeGreaterThanOrEqual(4),
    );
    const down = logged(/unreachable/);
    expect(down).toHaveLength(1);
    expect(down[0]?.message).toBe(
      `Asterisk unreachable at http://127.0.0.1:${port} (ECONNREFUSED); retrying with backoff up to 80 ms`,
    );
    // Not conn.state: with a 20 ms backoff the next attempt may already be under way.
    expect(states.filter((s) => s.status === 'disconnected').at(-1)).toMatchObject({ reason: 'unreachable' });

    await bench.server.start(port);
    await vi.waitFor(() => expect(conn.state).toEqual({ status: 'connected', reconnected: false }));
    expect(logged(/unreachable/)).toHaveLength(1);
    expect(logged(/registered/)).toHaveLength(1);
  });

  it('reconnects after the server drops the socket and reports it so the runtime can resync', async () => {
    const { conn, states } = makeConnection();
    conn.start();
    await vi.waitFor(() => expect(conn.state.status).toBe('connected'));

    bench.server.dropSockets(1011, 'going away');
    await vi.waitFor(() => expect(conn.state).toEqual({ status: 'connected', reconnected: true }));
    expect(bench.server.openSockets('cf-200')).toHaveLength(1);
    expect(states.map((s) => (s.status === 'disconnected' ? `${s.status}:${s.reason}` : s.status))).toEqual([
      'connecting',
      'connected',
      'disconnected:socket_closed',
      'connecting',
      'connected',
    ]);
    expect(bench.lines.map((l) => `${l.level} ${l.message}`)).toEqual([
      `info ARI app 'cf-200' registered at ${bench.server.url}`,
      `warn ARI WebSocket for app 'cf-200' at ${bench.server.url} closed (code 1011, going away); retrying with backoff up to 80 ms`,
      `info ARI app 'cf-200' registered at ${bench.server.url} again`,
    ]);
  });

  it('rides through an Asterisk restart', async () => {
    const { conn } = makeConnection();
    conn.start();
    await vi.waitFor(() => expect(conn.state.status).toBe('connected'));
    const port = bench.server.port;

    await bench.server.stop();
    await vi.waitFor(() =>
      expect(conn.state).toMatchObject({ status: 'disconnected', reason: 'unreachable' }),
    );
    await bench.server.start(port);
    await vi.waitFor(() => expect(conn.state).toEqual({ status: 'connected', reconnected: true }));
    expect(bench.lines.map((l) => l.level)).toEqual(['info', 'warn', 'warn', 'info']);
    expect(logged(/unreachable/)).toHaveLength(1);
  });

  it('stop() closes the socket cleanly and does not reconnect', async () => {
    const { conn, states } = makeConnection();
    const connection = bench.server.nextConnection();
    conn.start();
    const socket = await connection;
    await vi.waitFor(() => expect(conn.state.status).toBe('connected'));

    await conn.stop();
    expect(await socket.closed).toEqual({ code: 1000, reason: 'stopping' });
    expect(conn.state).toMatchObject({ status: 'disconnected', reason: 'stopped', retryInMs: undefined });
    const requestCount = bench.server.requests.length;
    const stateCount = states.length;
    await aFullBackoffLater();
    expect(states).toHaveLength(stateCount);
    expect(states.at(-1)).toMatchObject({ reason: 'stopped' });
    expect(bench.server.sockets).toHaveLength(1);
    expect(bench.server.requests).toHaveLength(requestCount);
  });

  it('retryNow() cuts a long backoff short once Asterisk is back, and leaves a registered app alone', async () => {
    const { conn, states } = makeConnection({ backoff: { initialMs: 60_000, maxMs: 60_000, jitter: 0 } });
    conn.start();
    await vi.waitFor(() => expect(conn.state.status).toBe('connected'));
    expect(conn.retryPending).toBe(false);
    // An attempt announces itself (connecting) in the same turn as it starts: none did.
    conn.retryNow();
    expect(states.map((s) => s.status)).toEqual(['connecting', 'connected']);

    const port = bench.server.port;
    const seenByListener: boolean[] = [];
    conn.onStateChange((state) => {
      if (state.status === 'disconnected') seenByListener.push(conn.retryPending);
    });
    await bench.server.stop();
    await vi.waitFor(() => expect(conn.state).toMatchObject({ status: 'disconnected', retryInMs: 60_000 }));
    // Listeners told of the drop can already see that a retry is scheduled.
    expect(seenByListener).toEqual([true]);
    await bench.server.start(port);
    // Asterisk is back, but the app waits out its minute: only retryNow() cuts it short.
    expect(conn.state.status).toBe('disconnected');
    expect(conn.retryPending).toBe(true);

    conn.retryNow();
    await vi.waitFor(() => expect(conn.state).toEqual({ status: 'connected', reconnected: true }));
    expect(conn.retryPending).toBe(false);
    expect(bench.server.openSockets('cf-200')).toHaveLength(1);
    expect(states.filter((s) => s.status === 'connecting')).toHaveLength(2);
  });

  it('retryNow() does nothing after stop()', async () => {
    bench.server.password = 'other';
    const { conn, states } = makeConnection({ backoff: { initialMs: 60_000, maxMs: 60_000, jitter: 0 } });
    conn.start();
    await vi.waitFor(() => expect(conn.retryPending).toBe(true));
    await conn.stop();
    expect(conn.retryPending).toBe(false);
    const stateCount = states.length;
    conn.retryNow();
    // An attempt would have announced itself (connecting) in this same turn.
    expect(states).toHaveLength(stateCount);
    expect(states.at(-1)).toMatchObject({ reason: 'stopped' });
    expect(bench.server.requests).toHaveLength(1);
  });

  it('stop() also ends a retry loop', async () => {
    bench.server.password = 'other';
    const { conn, states } = makeConnection();
    conn.start();
    await vi.waitFor(() => expect(bench.server.requests.length).toBeGreaterThanOrEqual(2));
    await conn.stop();
    const stateCount = states.length;
    await aFullBackoffLater();
    expect(states).toHaveLength(stateCount);
    expect(states.at(-1)).toMatchObject({ reason: 'stopped' });
  });

  it('yields the app to a newer connection (ApplicationReplaced) without fighting back', async () => {
    const first = makeConnection();
    const replaced: AriEvent[] = [];
    first.conn.onEvent((event) => {
      replaced.push(event);
    });
    first.conn.start();
    await vi.waitFor(() => expect(first.conn.state.status).toBe('connected'));

    const second = makeConnection();
    second.conn.start();
    await vi.waitFor(() => expect(second.conn.state.status).toBe('connected'));
    await vi.waitFor(() =>
      expect(first.conn.state).toMatchObject({ status: 'disconnected', reason: 'replaced' }),
    );
    expect(replaced.map((e) => e.type)).toEqual(['ApplicationReplaced']);

    const stateCount = first.states.length;
    await aFullBackoffLater();
    expect(first.states).toHaveLength(stateCount);
    expect(bench.server.sockets).toHaveLength(2);
    expect(bench.server.openSockets('cf-200')).toHaveLength(1);
    expect(second.conn.state.status).toBe('connected');
    expect(logged(/ApplicationReplaced/)).toHaveLength(1);
  });

  it('reports a refused upgrade (HTTP 500, e.g. a bad app name) and recovers when it is accepted', async () => {
    bench.server.rejectUpgradeWith = 500;
    const { conn, states } = makeConnection();
    conn.start();
    // Refused three times, logged once.
    await vi.waitFor(() =>
      expect(
        states.filter((s) => s.status === 'disconnected' && s.reason === 'http_error').length,
      ).toBeGreaterThanOrEqual(3),
    );
    const refused = logged(/refused the WebSocket/);
    expect(refused).toHaveLength(1);
    expect(refused[0]?.message).toContain('HTTP 500 (invalid app name?');

    bench.server.rejectUpgradeWith = undefined;
    await vi.waitFor(() => expect(conn.state.status).toBe('connected'));
  });

  it('refuses an app name Asterisk would reject, without any request', async () => {
    const { conn, states } = makeConnection({ app: 'x'.repeat(74) });
    conn.start();
    expect(conn.state).toMatchObject({ status: 'disconnected', reason: 'http_error', retryInMs: undefined });
    await aFullBackoffLater();
    expect(states).toHaveLength(1);
    expect(bench.server.requests).toHaveLength(0);
    expect(logged(/is invalid/)).toHaveLength(1);
  });

  it('drops and replaces a connection whose peer stops answering pings', async () => {
    const silentPeer = new FakeAriServer({ username: 'callflow', password: PASSWORD, autoPong: false });
    await silentPeer.start();
    try {
      const { conn, states } = makeConnection({ url: silentPeer.url, keepaliveMs: 30 });
      conn.start();
      await vi.waitFor(() =>
        expect(states.some((s) => s.status === 'disconnected' && s.reason === 'keepalive_timeout')).toBe(
          true,
        ),
      );
      await vi.waitFor(() =>
        expect(states.filter((s) => s.status === 'connected').length).toBeGreaterThanOrEqual(2),
      );
      expect(logged(/stopped answering pings/).length).toBeGreaterThanOrEqual(1);
    } finally {
      await silentPeer.stop();
    }
  });
});
