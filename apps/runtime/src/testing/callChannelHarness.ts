import { AriClient, parseAriEvent } from '@callflow/ari';
import { type EventOrder, FakeAriServer, OrderedEvents } from '@callflow/ari/testing';
import { afterEach, beforeEach } from 'vitest';
import { AriCallChannel, type AriCallChannelDeps } from '../engine/AriCallChannel.ts';
import { CallCleanup } from '../engine/CallCleanup.ts';
import type { CallLimitReached } from '../engine/CallLimitReached.ts';
import { defaultCallLimits } from '../engine/CallLimits.ts';
import { EventRouter } from '../engine/EventRouter.ts';
import { NamedBridges } from '../engine/NamedBridges.ts';
import { Logger } from '../log/Logger.ts';
import { RuntimeMetrics } from '../metrics/RuntimeMetrics.ts';
import { StepLatencyProbe } from '../metrics/StepLatencyProbe.ts';

const silent = new Logger('error', {}, () => {});

/** One test's caller channel ('caller-1' in app 'callflow-1') on a fresh fake Asterisk. */
export interface CallChannelHarness {
  server: FakeAriServer;
  router: EventRouter;
  /** Aborted when the caller hangs up (or a limit ends the call). */
  hangup: AbortController;
  cleanup: CallCleanup;
  outboundLegs: Set<string>;
  stopped: CallLimitReached[];
  limitsReached: string[];
  warnings: string[];
  /** A route's events, delivered before or after its answer as the harness' order says. */
  events: OrderedEvents<Record<string, unknown>>;
  channel: AriCallChannel;
  /** Hands an ARI event (JSON as Asterisk sends it) to the channel's router now. */
  emit(event: Record<string, unknown>): void;
  /** The caller's channel with the given limits; a limit that ends the call hangs it up (aborts). */
  channelWith(limits?: Partial<AriCallChannelDeps['limits']>): AriCallChannel;
}

/** Registers beforeEach/afterEach that give each test a fresh harness, events sent in `order`. */
export function useCallChannelHarness(order: EventOrder = 'events after the answer'): CallChannelHarness {
  const h = {} as CallChannelHarness;
  h.emit = (event) => {
    const parsed = parseAriEvent({
      application: 'callflow-1',
      timestamp: new Date().toISOString(),
      ...event,
    });
    if (!parsed.ok) throw new Error(`bad test event: ${JSON.stringify(parsed)}`);
    // Events the runtime does not act on (PlaybackStarted, RecordingStarted...) are dropped, as live.
    if (parsed.known) h.router.dispatch(parsed.event);
  };
  h.channelWith = (limits = {}) => {
    const ari = new AriClient({
      url: h.server.url,
      username: h.server.username,
      password: h.server.password,
      observer: h.events.observer,
    });
    return new AriCallChannel({
      id: 'caller-1',
      appName: 'callflow-1',
      ari,
      router: h.router,
      hangup: h.hangup.signal,
      cleanup: h.cleanup,
      bridges: new NamedBridges(ari, silent),
      liveChannels: new Set(),
      outboundLegs: h.outboundLegs,
      latency: new StepLatencyProbe(new RuntimeMetrics().stepLatency),
      logger: new Logger('warn', {}, (line) => h.warnings.push(line)),
      limits: {
        maxBridgeMs: defaultCallLimits.maxBridgeMs,
        maxBufferedDigits: defaultCallLimits.maxBufferedDigits,
        ...limits,
      },
      stopCall: (reason) => {
        h.stopped.push(reason);
        h.hangup.abort(reason);
      },
      limitReached: (limit) => h.limitsReached.push(limit),
    });
  };
  beforeEach(async () => {
    h.server = new FakeAriServer();
    await h.server.start();
    h.router = new EventRouter();
    h.hangup = new AbortController();
    h.cleanup = new CallCleanup(silent);
    h.outboundLegs = new Set();
    h.stopped = [];
    h.limitsReached = [];
    h.warnings = [];
    h.events = new OrderedEvents(order, (event) => h.emit(event));
    h.channel = h.channelWith();
  });
  afterEach(async () => {
    h.channel.dispose();
    await h.server.stop();
  });
  return h;
}
