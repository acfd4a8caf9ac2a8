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

/** Lets every timer already due and the work it starts run (timers fire before immediates). */
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/**
 * A probe every 20 ms; `answered` runs after each answer is recorded (what retryNow() would do).
 * Counted in the probe's own turn (not as the server sees them later): how often it asked whether a
 * connection waits (`asks`), how many pings it sent (`pings`) and how many have no answer yet.
 * `holdPings` keeps every ping unanswered until `releasePings()`.
 */
function makeProbe(
  waiting: AriReconnectProbeOptions['waiting'],
  answered: () => void = () => {},
  { holdPings = false } = {},
) {
  const client = new AriClient({ url: server.url, username: server.username, password: server.password });
  const answers: number[] = [];
  const held: (() => void)[] = [];
  const counts = { asks: 0, pings: 0, inFlight: 0 };
  const probe = new AriReconnectProbe({
    client: {
      asterisk: {
        ...client.asterisk,
        ping: async (options) => {
          counts.pings += 1;
          counts.inFlight += 1;
          try {
            if (holdPings)
              await new Promise<void>((resolve, reject) => {
                held.push(resolve);
                options?.signal?.addEventListener('abort', () => reject(new Error('stopped')));
              });
            return await client.asterisk.ping(options);
          } finally {
            counts.inFlight -= 1;
          }
        },
      },
    },
    waiting: () => {
      counts.asks += 1;
      return waiting();
    },
    onAnswer: () => {
      answers.push(Date.now());
      answered();
    },
    intervalMs: 20,
    timeoutMs: 500,
  });
  probes.push(probe);
  const releasePings = () => {
    for (const release of held.splice(0)) release();
  };
  return { probe, answers, counts, releasePings };
}

describe('AriReconnectProbe', () => {
  it('asks Asterisk every interval while connections wait, and tells them as soon as it answers', async () => {
    let waiting = true;
    let atAnswer = { asks: 0, pings: 0 };
    // Like retryNow(): the connections are trying now, none is waiting any more.
    const { probe, answers, counts } = makeProbe(
      () => waiting,
      () => {
        waiting = false;
        atAnswer = { ...counts };
      },
    );
    probe.wake();
    await vi.waitFor(() => expect(server.requestsTo('GET', '/ari/asterisk/ping').length).toBeGreaterThan(2));
    expect(answers).toEqual([]);

    up = true;
    await vi.waitFor(() => expect(answers).toHaveLength(1));
    // Its next look finds nothing waiting: that ends the loop, and no ping follows.
    await vi.waitFor(() => expect(counts.asks).toBe(atAnswer.asks + 1));
    await nextTurn();
    expect(counts.pings).toBe(atAnswer.pings);
    // Woken again, it starts a new loop (it is not still looping unseen).
    const pingsBefore = counts.pings;
    waiting = true;
    probe.wake();
    await vi.waitFor(() => expect(counts.pings).toBe(pingsBefore + 1));
  });

  it('does not probe when no connection waits', async () => {
    const { probe, counts } = makeProbe(() => false);
    probe.wake();
    // It looked once, found nothing waiting, and went to sleep without a ping.
    await vi.waitFor(() => expect(counts.asks).toBe(1));
    await nextTurn();
    expect(counts.pings).toBe(0);
    expect(server.requestsTo('GET', '/ari/asterisk/ping')).toEqual([]);
  });

  it('runs one loop however often it is woken: one ping at a time', async () => {
    const { probe, counts, releasePings } = makeProbe(() => true, undefined, { holdPings: true });
    probe.wake();
    probe.wake();
    probe.wake();
    // Three loops would sleep the same interval from the same moment and all ping in that turn.
    await vi.waitFor(() => expect(counts.pings).toBe(1));
    await nextTurn();
    expect(counts).toMatchObject({ pings: 1, inFlight: 1, asks: 1 });
    // Only once that ping has its answer does the next one go.
    releasePings();
    await vi.waitFor(() => expect(counts.pings).toBe(2));
    await nextTurn();
    expect(counts.inFlight).toBe(1);
    releasePings();
  });

  it('wakes again after it went to sleep', async () => {
    let waiting = true;
    let asksAtAnswer = 0;
    const { probe, answers, counts } = makeProbe(
      () => waiting,
      () => {
        waiting = false;
        asksAtAnswer = counts.asks;
      },
    );
    up = true;
    probe.wake();
    await vi.waitFor(() => expect(answers).toHaveLength(1));
    // Asleep: its last look found nothing waiting.
    await vi.waitFor(() => expect(counts.asks).toBe(asksAtAnswer + 1));

    // The connections failed again (Asterisk went away a second time).
    waiting = true;
    probe.wake();
    await vi.waitFor(() => expect(answers).toHaveLength(2));
  });

  it('stop() ends probing for good', async () => {
    const { probe, answers, counts } = makeProbe(() => true);
    probe.wake();
    await vi.waitFor(() => expect(counts.pings).toBeGreaterThanOrEqual(1));
    await probe.stop();
    const stopped = { ...counts };
    up = true;
    probe.wake();
    // A probe woken at the same moment, with the same interval, has looked twice: the stopped one
    // would have looked (and pinged) at least once by then.
    const control = makeProbe(() => true);
    control.probe.wake();
    await vi.waitFor(() => expect(control.counts.asks).toBeGreaterThanOrEqual(2));
    expect(counts).toEqual(stopped);
    expect(answers).toEqual([]);
  });
});
