import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AriClient } from './AriClient.ts';
import { AriReconnectProbe, type AriReconnectProbeOptions } from './AriReconnectProbe.ts';
import { FakeAriServer } from './testing/FakeAriServer.ts';

let server: FakeAriServer;
let probes: AriReconnectProbe[];
/** Whether the fake Asterisk answers the probe (503 otherwise, like one still starting up). */
let up: boolean;

beforeEach(async () => {
  server = new FakeAriServer();
  up = false;
  server.route('GET', '/ari/asterisk/ping', () =>
    up
      ? { json: { asterisk_id: 'a', ping: 'pong', timestamp: new Date().toISOString() } }
      : { status: 503, json: { message: 'starting' } },
  );
  await server.start();
  probes = [];
});

afterEach(async () => {
  await Promise.all(probes.map((probe) => probe.stop()));
  await server.stop();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A probe every 20 ms; `answered` runs after each answer is recorded (what retryNow() would do). */
function makeProbe(waiting: AriReconnectProbeOptions['waiting'], answered: () => void = () => {}) {
  const answers: number[] = [];
  const probe = new AriReconnectProbe({
    client: new AriClient({ url: server.url, username: server.username, password: server.password }),
    waiting,
    onAnswer: () => {
      answers.push(Date.now());
      answered();
    },
    intervalMs: 20,
    timeoutMs: 500,
  });
  probes.push(probe);
  return { probe, answers };
}

const pings = () => server.requestsTo('GET', '/ari/asterisk/ping').length;

describe('AriReconnectProbe', () => {
  it('asks Asterisk every interval while connections wait, and tells them as soon as it answers', async () => {
    let waiting = true;
    // Like retryNow(): the connections are trying now, none is waiting any more.
    const { probe, answers } = makeProbe(
      () => waiting,
      () => {
        waiting = false;
      },
    );
    probe.wake();
    await vi.waitFor(() => expect(pings()).toBeGreaterThanOrEqual(3));
    expect(answers).toEqual([]);

    up = true;
    await vi.waitFor(() => expect(answers).toHaveLength(1));
    // Nothing waits any more: the probe goes quiet.
    const after = pings();
    await sleep(150);
    expect(pings()).toBe(after);
  });

  it('does not probe when no connection waits, and one wake per loop is enough', async () => {
    let waiting = false;
    const { probe } = makeProbe(() => waiting);
    probe.wake();
    await sleep(100);
    expect(pings()).toBe(0);

    waiting = true;
    probe.wake();
    probe.wake();
    probe.wake();
    await sleep(110);
    // About one probe per 20 ms interval, not three loops' worth.
    expect(pings()).toBeGreaterThanOrEqual(2);
    expect(pings()).toBeLessThanOrEqual(6);
  });

  it('wakes again after it went to sleep', async () => {
    let waiting = true;
    const { probe, answers } = makeProbe(
      () => waiting,
      () => {
        waiting = false;
      },
    );
    up = true;
    probe.wake();
    await vi.waitFor(() => expect(answers).toHaveLength(1));
    await sleep(60);

    // The connections failed again (Asterisk went away a second time).
    waiting = true;
    probe.wake();
    await vi.waitFor(() => expect(answers).toHaveLength(2));
  });

  it('stop() ends probing for good', async () => {
    const { probe, answers } = makeProbe(() => true);
    probe.wake();
    await vi.waitFor(() => expect(pings()).toBeGreaterThanOrEqual(1));
    await probe.stop();
    const stoppedAt = pings();
    up = true;
    probe.wake();
    await sleep(100);
    expect(pings()).toBe(stoppedAt);
    expect(answers).toEqual([]);
  });
});
