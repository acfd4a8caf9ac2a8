import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AriClient } from './AriClient.ts';
import { catchAriError } from './testing/catchAriError.ts';
import type { FakeAriServer, FakeReply } from './testing/FakeAriServer.ts';
import { channelJson } from './testing/fixtures.ts';
import { openFakeAriClient } from './testing/openFakeAriClient.ts';

let server: FakeAriServer;
let client: AriClient;

beforeEach(async () => {
  ({ server, client } = await openFakeAriClient());
});

afterEach(() => server.stop());

/** Holds every answer to `method path` until `release()`; `arrived()` counts the requests held. */
function holdAnswers(method: string, path: string, reply: FakeReply): { release(): void; arrived(): number } {
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let arrived = 0;
  server.route(method, path, async () => {
    arrived += 1;
    await released;
    return reply;
  });
  return { release: () => release(), arrived: () => arrived };
}

describe('AriClient deadlines and aborts', () => {
  it('gives up on a request at its timeout without waiting for the answer, and discards the late answer', async () => {
    const held = holdAnswers('GET', '/ari/channels', { json: [channelJson('late')] });
    const answers: Response[] = [];
    const ended: string[] = [];
    const options = {
      url: server.url,
      username: server.username,
      password: server.password,
      fetch: async (input: string | URL | Request, init?: RequestInit) => {
        const response = await fetch(input, init);
        answers.push(response);
        return response;
      },
      observer: { requestEnded: (_method: string, result: string) => void ended.push(result) },
    };
    const observed = new AriClient(options);
    // Asterisk answers only after the client has given up: it cannot have waited for the answer.
    const err = await catchAriError(observed.channels.list({ timeoutMs: 50 }));
    expect(err.kind).toBe('timeout');
    expect(err.message).toContain('after 50 ms');
    // The same with the client's own timeout.
    const slow = new AriClient({ ...options, timeoutMs: 50 });
    expect((await catchAriError(slow.channels.list())).kind).toBe('timeout');
    // On a busy machine a request may reach Asterisk only after the client gave up on it.
    await vi.waitFor(() => expect(held.arrived()).toBe(2));

    held.release();
    // Both late answers arrive and are thrown away unread, without ending their requests twice.
    await vi.waitFor(() => {
      expect(answers).toHaveLength(2);
      expect(answers.map((answer) => answer.bodyUsed)).toEqual([true, true]);
    });
    expect(ended).toEqual(['timeout', 'timeout']);
    server.route('GET', '/ari/channels', () => ({ json: [channelJson('c1')] }));
    expect((await observed.channels.list()).map((channel) => channel.id)).toEqual(['c1']);
    expect(ended).toEqual(['timeout', 'timeout', 'ok']);
  });

  it('stops when the caller aborts', async () => {
    const held = holdAnswers('GET', '/ari/channels', { json: [] });
    const controller = new AbortController();
    const pending = catchAriError(client.channels.list({ signal: controller.signal }));
    // Aborted while Asterisk holds the request, which it answers only afterwards.
    await vi.waitFor(() => expect(held.arrived()).toBe(1));
    controller.abort();
    expect((await pending).kind).toBe('aborted');
    held.release();
  });
});
