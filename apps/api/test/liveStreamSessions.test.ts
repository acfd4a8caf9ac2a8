// Live call streams end with the login session that opened them (logout, expiry, a deleted user, a
// password changed or reset, a role or pending password change that forbids them), and a session
// holds a bounded number of them.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logIn, loginAs, type RoleClients, testAdminEnv } from './loginAs.ts';
import { startTestApi, type TestApi, testEngines } from './startTestApi.ts';

const SLOW = { timeout: 60_000 };

/** A live stream as a test sees it: its answer, the events it got, and whether the server ended it. */
interface OpenStream {
  readonly status: number;
  readonly events: string[];
  /** Ids of the calls it was sent. */
  readonly calls: string[];
  readonly ended: Promise<void>;
  isEnded(): boolean;
  close(): void;
}

async function openStream(api: TestApi, cookie: string): Promise<OpenStream> {
  const abort = new AbortController();
  const response = await fetch(`${api.url}/api/calls/stream`, {
    headers: { accept: 'text/event-stream', cookie },
    signal: abort.signal,
  });
  const events: string[] = [];
  const calls: string[] = [];
  let ended = false;
  const reading = (async () => {
    if (response.body === null) return;
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        for (let end = buffer.indexOf('\n\n'); end !== -1; end = buffer.indexOf('\n\n')) {
          const lines = buffer.slice(0, end).split('\n');
          buffer = buffer.slice(end + 2);
          const event = lines.find((line) => line.startsWith('event: '))?.slice(7);
          if (event === undefined) continue;
          events.push(event);
          const data = lines.find((line) => line.startsWith('data: '))?.slice(6);
          if (event === 'call' && data !== undefined) calls.push(String(JSON.parse(data).id));
        }
      }
    } catch {
      // aborted by close()
    }
    ended = true;
  })();
  return {
    status: response.status,
    events,
    calls,
    ended: reading,
    isEnded: () => ended,
    close: () => abort.abort(),
  };
}

async function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function until(condition: () => boolean | Promise<boolean>, what: string, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

let markerCount = 0;

/**
 * Writes a call and waits until `stream` has been sent it: the stream is still open after everything
 * done before (an end caused by it would have come first), without sleeping on it.
 */
async function stillStreaming(api: TestApi, stream: OpenStream): Promise<void> {
  markerCount += 1;
  const id = `still-streaming-${markerCount}`;
  await api.db.prisma.call.create({
    data: {
      id,
      channelId: `chan-${id}`,
      asteriskServer: '127.0.0.1:8088',
      appName: 'callflow-100',
      extension: '100',
      endedAt: new Date(),
      outcome: 'completed',
    },
  });
  await until(() => stream.calls.includes(id) || stream.isEnded(), `call ${id} on the stream`);
  expect(stream.isEnded()).toBe(false);
}

describe.each(testEngines())('live streams and the end of their session, on %s', SLOW, (engine) => {
  let api: TestApi;
  let as: RoleClients;
  const streams: OpenStream[] = [];
  let userCount = 0;
  beforeAll(async () => {
    // The periodic check is left at its 30 s default: what ends these streams within 3 s is the
    // notification from the route that ended the session, or the session's expiry time.
    api = await startTestApi(engine, testAdminEnv);
    as = await loginAs(api);
  }, 60_000);
  afterAll(async () => {
    for (const stream of streams) stream.close();
    await api.stop();
  });

  /** A new viewer, logged in; `open` opens a stream of that session. */
  async function viewer() {
    userCount += 1;
    const username = `watcher${userCount}`;
    const created = await as.admin.post<{ id: string }>('/api/users', {
      username,
      password: 'watcher password',
      role: 'viewer',
      mustChangePassword: false,
    });
    const client = await logIn(api, username, 'watcher password');
    const open = async (cookie = client.cookie) => {
      const stream = await openStream(api, cookie);
      streams.push(stream);
      expect(stream.status).toBe(200);
      return stream;
    };
    return { id: created.body.id, username, client, open };
  }

  it('ends at logout, telling the client why, and leaves the user’s other sessions’ streams open', async () => {
    const user = await viewer();
    const stream = await user.open();
    const otherSession = await logIn(api, user.username, 'watcher password');
    const other = await user.open(otherSession.cookie);
    expect((await user.client.delete('/api/session')).status).toBe(204);
    await within(3000, 'the end of the stream', stream.ended);
    expect(stream.events).toContain('session_ended');
    await stillStreaming(api, other);
  });

  it('ends when an admin deletes the user', async () => {
    const user = await viewer();
    const stream = await user.open();
    expect((await as.admin.delete(`/api/users/${user.id}`)).status).toBe(204);
    await within(3000, 'the end of the stream', stream.ended);
  });

  it('ends when an admin sets a new password for the user', async () => {
    const user = await viewer();
    const stream = await user.open();
    const reset = await as.admin.patch(`/api/users/${user.id}`, { password: 'reset by an admin' });
    expect(reset.status).toBe(200);
    await within(3000, 'the end of the stream', stream.ended);
  });

  it('ends when the user changes their password: the old session’s and every other session’s', async () => {
    const user = await viewer();
    const stream = await user.open();
    const elsewhere = await user.open((await logIn(api, user.username, 'watcher password')).cookie);
    const changed = await user.client.put('/api/session/password', {
      currentPassword: 'watcher password',
      newPassword: 'a new watcher password',
    });
    expect(changed.status).toBe(200);
    await within(3000, 'the end of both streams', Promise.all([stream.ended, elsewhere.ended]));
  });

  it('ends when an admin requires a password change, and not for a role change that still allows it', async () => {
    const user = await viewer();
    const stream = await user.open();
    expect((await as.admin.patch(`/api/users/${user.id}`, { role: 'editor' })).status).toBe(200);
    await stillStreaming(api, stream);
    expect((await as.admin.patch(`/api/users/${user.id}`, { mustChangePassword: true })).status).toBe(200);
    await within(3000, 'the end of the stream', stream.ended);
  });

  it('ends when the session expires', async () => {
    const user = await viewer();
    const sessionId = createHash('sha256')
      .update(user.client.cookie.slice('callflow_session='.length))
      .digest('hex');
    // Far enough ahead that opening the stream on a busy machine comes first.
    const expiresAt = new Date(Date.now() + 4000);
    await api.db.prisma.session.update({ where: { id: sessionId }, data: { expiresAt } });
    const stream = await user.open();
    await within(10_000, 'the end of the stream', stream.ended);
    // At the expiry, not before (a few ms of timer rounding aside).
    expect(Date.now()).toBeGreaterThanOrEqual(expiresAt.getTime() - 20);
    expect(stream.events).toContain('session_ended');
  });

  it('refuses a fifth stream of one session with 429, and takes one again when another closes', async () => {
    const user = await viewer();
    const four = [await user.open(), await user.open(), await user.open(), await user.open()];
    const fifth = await fetch(`${api.url}/api/calls/stream`, { headers: { cookie: user.client.cookie } });
    expect(fifth.status).toBe(429);
    expect(await fifth.json()).toEqual({
      error: 'too_many_streams',
      message:
        'this login already has 4 live views open, the most allowed; close one (another tab or window showing live calls) and try again',
      limit: 4,
    });
    // Another session of the same user has its own four.
    expect((await user.open((await logIn(api, user.username, 'watcher password')).cookie)).status).toBe(200);
    four[0]?.close();
    // Refused (429) until the server has noticed the close, then admitted.
    await until(async () => {
      const response = await fetch(`${api.url}/api/calls/stream`, {
        headers: { accept: 'text/event-stream', cookie: user.client.cookie },
      });
      if (response.status === 200) {
        await response.body?.cancel();
        return true;
      }
      expect(response.status).toBe(429);
      await response.body?.cancel();
      return false;
    }, 'a stream admitted again');
  });
});

describe.each(testEngines())('the periodic session check of live streams, on %s', SLOW, (engine) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(engine, {
      ...testAdminEnv,
      CALLFLOW_LIVE_STREAM_SESSION_CHECK_MS: '300',
      CALLFLOW_LIVE_STREAMS_PER_SESSION: '1',
    });
  }, 60_000);
  afterAll(async () => {
    await api.stop();
  });

  it('ends a stream whose session was deleted behind the API’s back, and applies the configured limit', async () => {
    const { viewer } = await loginAs(api);
    const stream = await openStream(api, viewer.cookie);
    expect(stream.status).toBe(200);
    expect((await fetch(`${api.url}/api/calls/stream`, { headers: { cookie: viewer.cookie } })).status).toBe(
      429,
    );
    // As another API process or an operator's SQL would: no notification reaches this process.
    await api.db.prisma.session.deleteMany({ where: { user: { username: viewer.username } } });
    await within(2000, 'the end of the stream', stream.ended);
  });
});
