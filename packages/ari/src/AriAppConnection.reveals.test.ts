import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AriEvent } from './ariEvents.ts';
import type { AriConnectionState } from './index.ts';
import { AppConnectionBench } from './testing/AppConnectionBench.ts';
import { channelJson } from './testing/fixtures.ts';

const PASSWORD = AppConnectionBench.password;
const freePort = () => AppConnectionBench.freePort();

const bench = AppConnectionBench.forEachTest();
const { makeConnection, logged } = bench;

describe('AriAppConnection: messages from the network are bounded', () => {
  it('closes a socket that sends a message over the limit, delivers nothing of it, and reconnects', async () => {
    const { conn, states } = makeConnection({ maxMessageBytes: 4096 });
    const events: AriEvent[] = [];
    conn.onEvent((event) => {
      events.push(event);
    });
    conn.start();
    await vi.waitFor(() => expect(conn.state.status).toBe('connected'));
    const huge = {
      type: 'StasisStart',
      application: 'cf-200',
      args: [],
      channel: channelJson('c1', { caller: { name: 'A'.repeat(8192), number: '1' } }),
    };
    bench.server.openSockets('cf-200')[0]?.sendRaw(JSON.stringify(huge));
    await vi.waitFor(() =>
      expect(states).toContainEqual(
        expect.objectContaining({
          status: 'disconnected',
          reason: 'socket_closed',
          message: "the ARI WebSocket for app 'cf-200' closed (a message over 4096 bytes)",
        }),
      ),
    );
    await vi.waitFor(() => expect(states.filter((s) => s.status === 'connected')).toHaveLength(2));
    expect(events).toEqual([]);
    // A message under the limit still arrives.
    bench.server.sendEvent('cf-200', {
      type: 'StasisStart',
      application: 'cf-200',
      args: [],
      channel: channelJson('c2'),
    });
    await vi.waitFor(() => expect(events).toHaveLength(1));
  });

  it('logs a message that is not JSON on one line (the parse error quotes the text)', async () => {
    const { conn } = makeConnection();
    conn.start();
    await vi.waitFor(() => expect(conn.state.status).toBe('connected'));
    bench.server.openSockets('cf-200')[0]?.sendRaw('x\nERROR forged line');
    await vi.waitFor(() => expect(logged(/malformed ARI event/)).toHaveLength(1));
    const [line] = logged(/malformed ARI event/);
    expect(line?.message).toMatch(/^ignored malformed ARI event: invalid JSON: Unexpected token/);
    expect(line?.message).not.toMatch(/\n/);
  });
});

describe('AriAppConnection: what its states (stored in runtime events and call logs) reveal', () => {
  const USER = 'ari-operator';

  /** Every disconnected state's message, once `count` of them have come. */
  async function disconnectedMessages(
    states: AriConnectionState[],
    reason: string,
    count = 1,
  ): Promise<string[]> {
    await vi.waitFor(() =>
      expect(
        states.filter((s) => s.status === 'disconnected' && s.reason === reason).length,
      ).toBeGreaterThanOrEqual(count),
    );
    return states.flatMap((s) => (s.status === 'disconnected' ? [s.message] : []));
  }

  function expectNothingOfTheServer(messages: string[], url: string): void {
    const text = messages.join('\n');
    expect(text).not.toContain(url);
    expect(text).not.toContain(new URL(url).host);
    expect(text).not.toContain(new URL(url).port);
    expect(text).not.toContain(USER);
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain(encodeURIComponent(PASSWORD));
    expect(text).not.toMatch(/api_key/);
  }

  beforeEach(() => {
    bench.server.username = USER;
  });

  it('a wrong password', async () => {
    const { conn, states } = makeConnection({ username: USER, password: 'wrong-password' });
    conn.start();
    const messages = await disconnectedMessages(states, 'unauthorized');
    expect(messages[0]).toBe('Asterisk rejected the ARI user name or password');
    expectNothingOfTheServer(messages, bench.server.url);
    // The operator's log still says where and as whom.
    expect(logged(/rejected user/)[0]?.message).toContain(
      `ARI at ${bench.server.url} rejected user '${USER}'`,
    );
    expect(JSON.stringify(bench.lines)).not.toContain('wrong-password');
  });

  it('an unreachable Asterisk', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const { conn, states } = makeConnection({ url, username: USER });
    conn.start();
    const messages = await disconnectedMessages(states, 'unreachable');
    expect(messages[0]).toBe('Asterisk unreachable (ECONNREFUSED)');
    expectNothingOfTheServer(messages, url);
  });

  it('a refused WebSocket upgrade (401 and 500)', async () => {
    bench.server.rejectUpgradeWith = 401;
    const { conn, states } = makeConnection({ username: USER });
    conn.start();
    const unauthorized = await disconnectedMessages(states, 'unauthorized');
    expect(unauthorized[0]).toBe('Asterisk rejected the ARI user name or password on the WebSocket');
    bench.server.rejectUpgradeWith = 500;
    const refused = await disconnectedMessages(states, 'http_error');
    expect(refused.at(-1)).toBe(
      "Asterisk refused the WebSocket for app 'cf-200' with HTTP 500 (invalid app name? at most 73 characters)",
    );
    expectNothingOfTheServer(refused, bench.server.url);
  });

  it('a WebSocket that cannot be opened, whose error repeats the URL with the credentials', async () => {
    // ws throws `Invalid URL: <address>` for an address it cannot parse: the api_key is in it.
    const { conn, states } = makeConnection({
      username: USER,
      createWebSocket: (url) => {
        throw new SyntaxError(`Invalid URL: ${url}`);
      },
    });
    conn.start();
    const messages = await disconnectedMessages(states, 'unreachable');
    expect(messages[0]).toBe('Asterisk unreachable (WebSocket failed)');
    expectNothingOfTheServer(messages, bench.server.url);
    // The log line keeps the error, without the secret (afterEach checks the password too).
    expect(logged(/unreachable/)[0]?.message).toContain('api_key=***');
  });

  it('a socket closed by the server, and one that stops answering pings', async () => {
    const { conn, states } = makeConnection({ username: USER });
    conn.start();
    await vi.waitFor(() => expect(conn.state.status).toBe('connected'));
    bench.server.dropSockets(1011, `bye ${USER} ${PASSWORD}\nERROR forged`);
    const closed = await disconnectedMessages(states, 'socket_closed');
    expect(closed[0]).toBe("the ARI WebSocket for app 'cf-200' closed (code 1011)");
    expectNothingOfTheServer(closed, bench.server.url);
    // The close reason reaches the log on one line, without the password.
    const line = logged(/closed \(code 1011/)[0]?.message ?? '';
    expect(line).not.toMatch(/\n/);
    expect(line).toContain('***');
  });
});
