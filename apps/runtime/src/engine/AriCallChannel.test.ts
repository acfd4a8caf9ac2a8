import { CallEndedError, StepFailure } from '@callflow/flow/runtime';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AriClient, parseAriEvent } from '../ari/index.ts';
import { FakeAriServer } from '../ari/testing/FakeAriServer.ts';
import { bridgeJson, channelJson, playbackJson } from '../ari/testing/fixtures.ts';
import { Logger } from '../log/Logger.ts';
import { RuntimeMetrics } from '../metrics/RuntimeMetrics.ts';
import { StepLatencyProbe } from '../metrics/StepLatencyProbe.ts';
import { AriCallChannel, type AriCallChannelDeps } from './AriCallChannel.ts';
import { CallCleanup } from './CallCleanup.ts';
import type { CallLimitReached } from './CallLimitReached.ts';
import { defaultCallLimits } from './CallLimits.ts';
import { EventRouter } from './EventRouter.ts';
import { NamedBridges } from './NamedBridges.ts';

const silent = new Logger('error', {}, () => {});
let server: FakeAriServer;
let router: EventRouter;
let hangup: AbortController;
let channel: AriCallChannel;
let cleanup: CallCleanup;
let outboundLegs: Set<string>;

function emit(event: Record<string, unknown>): void {
  const parsed = parseAriEvent({ application: 'callflow-1', timestamp: new Date().toISOString(), ...event });
  if (!parsed.ok || !parsed.known) throw new Error(`bad test event: ${JSON.stringify(parsed)}`);
  router.dispatch(parsed.event);
}

let stopped: CallLimitReached[];
let limitsReached: string[];
let warnings: string[];

/** The caller's channel with the given limits; a limit that ends the call hangs it up (aborts). */
function channelWith(limits: Partial<AriCallChannelDeps['limits']> = {}): AriCallChannel {
  const ari = new AriClient({ url: server.url, username: server.username, password: server.password });
  return new AriCallChannel({
    id: 'caller-1',
    appName: 'callflow-1',
    ari,
    router,
    hangup: hangup.signal,
    cleanup,
    bridges: new NamedBridges(ari, silent),
    liveChannels: new Set(),
    outboundLegs,
    latency: new StepLatencyProbe(new RuntimeMetrics().stepLatency),
    logger: new Logger('warn', {}, (line) => warnings.push(line)),
    limits: {
      maxBridgeMs: defaultCallLimits.maxBridgeMs,
      maxBufferedDigits: defaultCallLimits.maxBufferedDigits,
      ...limits,
    },
    stopCall: (reason) => {
      stopped.push(reason);
      hangup.abort(reason);
    },
    limitReached: (limit) => limitsReached.push(limit),
  });
}

beforeEach(async () => {
  server = new FakeAriServer();
  await server.start();
  router = new EventRouter();
  hangup = new AbortController();
  cleanup = new CallCleanup(silent);
  outboundLegs = new Set();
  stopped = [];
  limitsReached = [];
  warnings = [];
  channel = channelWith();
});

afterEach(async () => {
  channel.dispose();
  await server.stop();
});

describe('AriCallChannel', () => {
  it('turns a 404 on the caller channel (hung up between two steps) into the end of the call', async () => {
    server.route('POST', /^\/ari\/channels\/caller-1\/play\//, () => ({
      status: 404,
      json: { message: 'Channel not found' },
    }));
    await expect(
      channel.play(['sound:hello'], { language: null, interruptOnDigit: false }),
    ).rejects.toBeInstanceOf(CallEndedError);
  });

  it('turns a 409 from Asterisk into a step failure that names the problem', async () => {
    server.route('POST', /^\/ari\/channels\/caller-1\/play\//, () => ({
      status: 409,
      json: { message: 'Channel not in Stasis application' },
    }));
    const failure = await channel
      .play(['sound:hello'], { language: null, interruptOnDigit: false })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StepFailure);
    expect(String(failure)).toMatch(/not in Stasis/);
  });

  it('stops the prompt when a digit arrives during it and keeps the digit for the menu', async () => {
    let playbackId = '';
    server.route('POST', /^\/ari\/channels\/caller-1\/play\//, (request) => {
      playbackId = decodeURIComponent(request.rawPath.split('/').pop() ?? '');
      return { json: playbackJson(playbackId) };
    });
    server.route('DELETE', /^\/ari\/playbacks\//, () => {
      setTimeout(() => emit({ type: 'PlaybackFinished', playback: playbackJson(playbackId, 'done') }), 5);
      return { status: 204 };
    });
    const playing = channel.play(['sound:menu'], { language: 'en', interruptOnDigit: true });
    await new Promise((resolve) => setTimeout(resolve, 50));
    emit({ type: 'ChannelDtmfReceived', digit: '3', duration_ms: 100, channel: channelJson('caller-1') });
    await playing;
    expect(server.requestsTo('DELETE', `/ari/playbacks/${playbackId}`)).toHaveLength(1);
    expect(server.requests.find((r) => r.method === 'POST')?.query.get('lang')).toBe('en');
    expect(await channel.nextDigit(10)).toBe('3');
    expect(cleanup.pending).toEqual([]);
  });

  it('returns null from nextDigit after the timeout and rejects when the caller hangs up', async () => {
    expect(await channel.nextDigit(20)).toBeNull();
    const waiting = channel.nextDigit(5000);
    hangup.abort();
    await expect(waiting).rejects.toBeInstanceOf(CallEndedError);
  });

  it('reports busy when the callee leg ends with cause 17, stops the ringback, and sends nothing for the gone callee', async () => {
    const legsWhileCreating: string[][] = [];
    server.route('POST', '/ari/channels/create', (request) => {
      const calleeId = request.query.get('channelId') ?? '';
      legsWhileCreating.push([...outboundLegs]);
      setTimeout(
        () => emit({ type: 'StasisStart', args: ['callflow-outbound-leg'], channel: channelJson(calleeId) }),
        5,
      );
      return { json: channelJson(calleeId) };
    });
    server.route('POST', /^\/ari\/channels\/[^/]+\/play\//, () => ({ json: playbackJson('ring') }));
    server.route('POST', /^\/ari\/channels\/[^/]+\/dial$/, (request) => {
      const calleeId = decodeURIComponent(request.rawPath.split('/')[3] ?? '');
      setTimeout(
        () =>
          emit({
            type: 'ChannelDestroyed',
            cause: 17,
            cause_txt: 'User busy',
            channel: channelJson(calleeId),
          }),
        10,
      );
      return { status: 204 };
    });
    server.route('DELETE', /^\/ari\/(channels|bridges|playbacks)\//, () => ({
      status: 404,
      json: { message: 'gone' },
    }));
    const outcome = await channel.dial({
      endpoint: 'PJSIP/agent',
      timeoutSeconds: 5,
      callerId: null,
      ringback: true,
    });
    expect(outcome).toBe('busy');
    const create = server.requestsTo('POST', '/ari/channels/create')[0];
    expect(create?.query.get('endpoint')).toBe('PJSIP/agent');
    expect(create?.query.get('appArgs')).toBe('callflow-outbound-leg');
    // The leg is known by the id the runtime chose while it is dialled, and forgotten afterwards.
    expect(create?.query.get('channelId')).toMatch(/^callflow-leg-[0-9a-f-]{36}$/);
    expect(legsWhileCreating).toEqual([[create?.query.get('channelId')]]);
    expect(outboundLegs.size).toBe(0);
    expect(server.requests.some((r) => r.method === 'DELETE' && r.rawPath.startsWith('/ari/channels/'))).toBe(
      false,
    );
    expect(
      server.requests.filter(
        (r) => r.method === 'DELETE' && r.rawPath.startsWith('/ari/playbacks/ringback-'),
      ),
    ).toHaveLength(1);
    expect(cleanup.pending).toEqual([]);
  });

  it('stops the ringback and hangs up the callee when Asterisk refuses the dial', async () => {
    server.route('POST', '/ari/channels/create', (request) => {
      const calleeId = request.query.get('channelId') ?? '';
      setTimeout(
        () => emit({ type: 'StasisStart', args: ['callflow-outbound-leg'], channel: channelJson(calleeId) }),
        5,
      );
      return { json: channelJson(calleeId) };
    });
    server.route('POST', /^\/ari\/channels\/caller-1\/play\//, () => ({ json: playbackJson('ring') }));
    server.route('POST', /^\/ari\/channels\/[^/]+\/dial$/, () => ({
      status: 409,
      json: { message: 'Channel not in Stasis application' },
    }));
    server.route('DELETE', /^\/ari\//, () => ({ status: 204 }));
    const failure = await channel
      .dial({ endpoint: 'PJSIP/agent', timeoutSeconds: 5, callerId: null, ringback: true })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StepFailure);
    const deletes = server.requests.filter((r) => r.method === 'DELETE').map((r) => r.rawPath.split('/')[2]);
    expect(deletes.sort()).toEqual(['channels', 'playbacks']);
    expect(cleanup.pending).toEqual([]);
  });

  it('leaves the callee to the session cleanup when the caller hangs up while it rings', async () => {
    server.route('POST', '/ari/channels/create', (request) => {
      const calleeId = request.query.get('channelId') ?? '';
      setTimeout(
        () => emit({ type: 'StasisStart', args: ['callflow-outbound-leg'], channel: channelJson(calleeId) }),
        5,
      );
      return { json: channelJson(calleeId) };
    });
    server.route('POST', /^\/ari\/channels\/[^/]+\/dial$/, () => {
      setTimeout(() => hangup.abort(), 10);
      return { status: 204 };
    });
    server.route('DELETE', /^\/ari\//, () => ({ status: 204 }));
    await expect(
      channel.dial({ endpoint: 'PJSIP/agent', timeoutSeconds: 5, callerId: null, ringback: false }),
    ).rejects.toBeInstanceOf(CallEndedError);
    expect(cleanup.pending).toEqual([expect.stringMatching(/^callee:/)]);
    await cleanup.runAll();
    expect(
      server.requests.filter((r) => r.method === 'DELETE' && r.rawPath.startsWith('/ari/channels/')),
    ).toHaveLength(1);
  });

  it("reports 'unavailable' when Asterisk cannot create the callee channel", async () => {
    server.route('POST', '/ari/channels/create', () => ({
      status: 400,
      json: { message: 'Invalid endpoint' },
    }));
    server.route('DELETE', /^\/ari\//, () => ({ status: 404, json: { message: 'gone' } }));
    expect(
      await channel.dial({ endpoint: 'PJSIP/nobody', timeoutSeconds: 5, callerId: null, ringback: false }),
    ).toBe('unavailable');
  });

  it('keeps at most CALLFLOW_MAX_BUFFERED_DIGITS unread digits, dropping the oldest, with one log line per call', async () => {
    channel.dispose();
    channel = channelWith({ maxBufferedDigits: 4 });
    for (const digit of '123456789')
      emit({ type: 'ChannelDtmfReceived', digit, duration_ms: 100, channel: channelJson('caller-1') });
    const read: (string | null)[] = [];
    for (let i = 0; i < 5; i++) read.push(await channel.nextDigit(1));
    expect(read).toEqual(['6', '7', '8', '9', null]);
    expect(limitsReached).toEqual(['buffered_digits']);
    expect(warnings).toEqual([expect.stringMatching(/WARN .*dropping the oldest digits.* limit=4$/)]);
  });

  it('ends the call once the caller has been in a named bridge for CALLFLOW_MAX_BRIDGE_SECONDS, leaving the bridge to the session cleanup', async () => {
    channel.dispose();
    channel = channelWith({ maxBridgeMs: 50 });
    server.route('POST', '/ari/bridges', () => ({ json: bridgeJson('callflow-bridge-room') }));
    server.route('POST', '/ari/bridges/callflow-bridge-room/addChannel', () => ({ status: 204 }));
    server.route('POST', /^\/ari\/bridges\/callflow-bridge-room\/(moh|removeChannel)$/, () => ({
      status: 204,
    }));
    server.route('DELETE', /^\/ari\//, () => ({ status: 204 }));
    await expect(
      channel.joinBridge({
        name: 'room',
        musicOnHoldClass: null,
        timeLimitSeconds: null,
        leaveOnDigit: null,
      }),
    ).rejects.toBeInstanceOf(CallEndedError);
    expect(stopped.map((reason) => [reason.limit, reason.message])).toEqual([
      [
        'bridge_seconds',
        'the caller was in bridge room for 0.05 s, the most CALLFLOW_MAX_BRIDGE_SECONDS allows: the runtime ended the call',
      ],
    ]);
    expect(cleanup.pending).toEqual(['bridge:room']);
    await cleanup.runAll();
    expect(server.requestsTo('DELETE', '/ari/bridges/callflow-bridge-room')).toHaveLength(1);
  });

  it('ends the call once an answered dial has lasted CALLFLOW_MAX_BRIDGE_SECONDS, leaving both legs and the bridge to the session cleanup', async () => {
    channel.dispose();
    channel = channelWith({ maxBridgeMs: 50 });
    server.route('POST', '/ari/channels/create', (request) => {
      const calleeId = request.query.get('channelId') ?? '';
      setTimeout(() => emit({ type: 'StasisStart', args: [], channel: channelJson(calleeId) }), 5);
      return { json: channelJson(calleeId) };
    });
    server.route('POST', /^\/ari\/channels\/[^/]+\/dial$/, (request) => {
      const calleeId = decodeURIComponent(request.rawPath.split('/')[3] ?? '');
      setTimeout(
        () =>
          emit({
            type: 'Dial',
            dialstatus: 'ANSWER',
            peer: channelJson(calleeId, { state: 'Up' }),
            caller: channelJson('caller-1'),
          }),
        5,
      );
      return { status: 204 };
    });
    server.route('POST', '/ari/bridges', (request) => ({
      json: bridgeJson(request.query.get('bridgeId') ?? ''),
    }));
    server.route('POST', /^\/ari\/bridges\/[^/]+\/addChannel$/, () => ({ status: 204 }));
    server.route('DELETE', /^\/ari\//, () => ({ status: 204 }));
    await expect(
      channel.dial({ endpoint: 'PJSIP/agent', timeoutSeconds: 5, callerId: null, ringback: false }),
    ).rejects.toBeInstanceOf(CallEndedError);
    expect(stopped.map((reason) => reason.message)).toEqual([
      'the caller was in the answered call to PJSIP/agent for 0.05 s, the most CALLFLOW_MAX_BRIDGE_SECONDS allows: the runtime ended the call',
    ]);
    expect(cleanup.pending.map((key) => key.split(':')[0]).sort()).toEqual(['bridge', 'callee']);
    await cleanup.runAll();
    const deletes = server.requests.filter((r) => r.method === 'DELETE').map((r) => r.rawPath.split('/')[2]);
    expect(deletes.sort()).toEqual(['bridges', 'channels']);
  });
});
