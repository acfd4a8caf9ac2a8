import { AriClient } from '@callflow/ari';
import { channelJson, playbackJson } from '@callflow/ari/testing';
import { validateFlow } from '@callflow/flow';
import { testFlow } from '@callflow/flow/testing';
import { describe, expect, it, vi } from 'vitest';
import { CallLogWriter } from '../callLog/CallLogWriter.ts';
import { Logger } from '../log/Logger.ts';
import { RuntimeMetrics } from '../metrics/RuntimeMetrics.ts';
import { runTestCallSession } from '../testing/runTestCallSession.ts';
import { testAriEvent } from '../testing/testAriEvent.ts';
import { useDatabaseAndFakeAri } from '../testing/useDatabaseAndFakeAri.ts';
import { waitingMenuFlow } from '../testing/waitingMenuFlow.ts';
import { defaultCallLimits } from './CallLimits.ts';
import type { CallSessionDeps } from './CallSession.ts';
import { EventRouter } from './EventRouter.ts';
import { NamedBridges } from './NamedBridges.ts';

const silent = new Logger('error', {}, () => {});
const fixture = useDatabaseAndFakeAri('session');

/**
 * Starts a call on `channelId` into the waiting menu, with a fake Asterisk that finishes every prompt at
 * once, and waits until the call waits in the menu (its prompt was requested).
 */
async function callWaitingInMenu(
  channelId: string,
  flow = waitingMenuFlow,
  logger = silent,
  overrides: Partial<CallSessionDeps> = {},
) {
  if (flow.document === null) throw new Error('invalid test flow');
  const router = new EventRouter();
  fixture.server.route('POST', new RegExp(`^/ari/channels/${channelId}/play/`), (request) => {
    const id = decodeURIComponent(request.rawPath.split('/').pop() ?? '');
    setTimeout(
      () => router.dispatch(testAriEvent({ type: 'PlaybackFinished', playback: playbackJson(id, 'done') })),
      5,
    );
    return { json: playbackJson(id) };
  });
  fixture.server.route('POST', `/ari/channels/${channelId}/answer`, () => ({ status: 204 }));
  fixture.server.route('DELETE', /^\/ari\/(channels|playbacks)\//, () => ({ status: 204 }));
  fixture.server.route('POST', /^\/ari\/applications\//, () => ({
    json: { name: 'callflow-6001', channel_ids: [], bridge_ids: [], endpoint_ids: [], device_names: [] },
  }));
  const ari = new AriClient({
    url: fixture.server.url,
    username: fixture.server.username,
    password: fixture.server.password,
  });
  const callLog = new CallLogWriter(fixture.db.sql, silent, { flushMs: 10, maxBufferedSteps: 100 });
  const liveChannels = new Set<string>();
  const connectionLost = new AbortController();
  const metrics = new RuntimeMetrics();
  const session = runTestCallSession({
    channelId,
    extension: '6001',
    document: flow.document,
    deps: {
      ari,
      router,
      bridges: new NamedBridges(ari, silent),
      callLog,
      logger,
      metrics: metrics.forServer('test'),
      liveChannels,
      ...overrides,
    },
    connectionLost: connectionLost.signal,
  });
  for (
    let waited = 0;
    flow === waitingMenuFlow &&
    !fixture.server.requests.some((r) => r.rawPath.startsWith(`/ari/channels/${channelId}/play/`));
    waited += 10
  ) {
    if (waited > 5000) throw new Error('the call never reached the menu');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return { session, router, callLog, liveChannels, connectionLost, metrics };
}

const hangupFlow = validateFlow(
  testFlow(
    [
      { id: 'start', kind: 'start' },
      { id: 'bye', kind: 'hangup' },
    ],
    ['start -> bye'],
  ),
);

describe('runCallSession', () => {
  it('hangs the channel up once when the flow ends in a Hangup node, even before Asterisk confirms it', async () => {
    const { session, router, callLog } = await callWaitingInMenu('chan-hangup', hangupFlow);
    for (
      let waited = 0;
      fixture.server.requestsTo('DELETE', '/ari/channels/chan-hangup').length === 0;
      waited += 10
    ) {
      if (waited > 5000) throw new Error('the Hangup node never hung up');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    // Time for a second hang-up request to go out, before Asterisk's confirmation arrives.
    await new Promise((resolve) => setTimeout(resolve, 100));
    // What Asterisk sends for a channel hung up over ARI (reason normal): the request, then StasisEnd.
    router.dispatch(
      testAriEvent({
        type: 'ChannelHangupRequest',
        cause: 32,
        soft: true,
        channel: channelJson('chan-hangup'),
      }),
    );
    router.dispatch(testAriEvent({ type: 'StasisEnd', channel: channelJson('chan-hangup') }));
    await session;
    expect(fixture.server.requestsTo('DELETE', '/ari/channels/chan-hangup')).toHaveLength(1);
    // No subscription request: the end is known from StasisEnd; the cause is the Hangup node's, since
    // the soft hangup request's `cause` (32) is Asterisk's soft-hangup flags.
    expect(fixture.server.requests.filter((request) => request.rawPath.includes('/subscription'))).toEqual(
      [],
    );
    await callLog.flush();
    const call = await fixture.db.prisma.call.findFirstOrThrow({ where: { channelId: 'chan-hangup' } });
    expect(call).toMatchObject({ outcome: 'completed', hangupCause: '16 Normal Clearing' });
  });

  it('ends a call whose app lost its connection as lost, hangs the channel up and forgets it', async () => {
    const { session, router, callLog, liveChannels, connectionLost } = await callWaitingInMenu('chan-1');
    expect([...liveChannels]).toEqual(['chan-1']);
    connectionLost.abort('the runtime stopped during the call');
    await session;
    await callLog.flush();

    const call = await fixture.db.prisma.call.findFirstOrThrow({
      where: { channelId: 'chan-1' },
      include: { steps: { orderBy: { seq: 'asc' } } },
    });
    expect(call).toMatchObject({
      outcome: 'lost',
      error: 'the runtime stopped during the call',
      stepCount: 3,
    });
    // The step it was in says why it ended: not a caller hanging up.
    expect(call.steps.map((s) => s.port ?? s.error)).toEqual([
      'next',
      'next',
      'the runtime stopped during the call',
    ]);
    expect(fixture.server.requestsTo('DELETE', '/ari/channels/chan-1')).toHaveLength(1);
    expect(liveChannels.size).toBe(0);
    expect(router.listenerCount).toBe(0);
  });

  it('shows the menu as where the call is while it waits there, and nothing once the caller hangs up', async () => {
    const { session, router, callLog } = await callWaitingInMenu('chan-2');
    await callLog.flush();
    const waiting = await fixture.db.prisma.call.findFirstOrThrow({
      where: { channelId: 'chan-2' },
      include: { steps: { orderBy: { seq: 'asc' } } },
    });
    expect(waiting).toMatchObject({ currentNodeId: 'menu', endedAt: null });
    // Only left nodes have a step: the menu is known from the call row alone.
    expect(waiting.steps.map((s) => s.nodeId)).toEqual(['start', 'answer']);
    expect(waiting.currentNodeSince?.getTime()).toBeGreaterThanOrEqual(
      waiting.steps[1]?.leftAt?.getTime() ?? Number.POSITIVE_INFINITY,
    );

    router.dispatch(
      testAriEvent({ type: 'ChannelHangupRequest', cause: 16, channel: channelJson('chan-2') }),
    );
    router.dispatch(testAriEvent({ type: 'StasisEnd', channel: channelJson('chan-2') }));
    await session;
    await callLog.flush();
    const ended = await fixture.db.prisma.call.findFirstOrThrow({ where: { channelId: 'chan-2' } });
    expect(ended).toMatchObject({
      outcome: 'caller_hangup',
      hangupCause: '16 Normal Clearing',
      currentNodeId: null,
      currentNodeSince: null,
    });
    expect(ended.endedAt).not.toBeNull();
  });

  it('writes one info line per call, when it ends: who called, which version, how it ended, how long', async () => {
    const lines: string[] = [];
    const logger = new Logger('info', { service: 'runtime' }, (line) => lines.push(line));
    const { session, router } = await callWaitingInMenu('chan-3', waitingMenuFlow, logger);
    expect(lines).toEqual([]);
    router.dispatch(
      testAriEvent({ type: 'ChannelHangupRequest', cause: 16, channel: channelJson('chan-3') }),
    );
    router.dispatch(testAriEvent({ type: 'StasisEnd', channel: channelJson('chan-3') }));
    await session;
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^\S+ INFO {2}call ended service=runtime call=\S+ channel=chan-3 extension=6001 version=1 caller=1001 outcome=caller_hangup steps=3 cause="16 Normal Clearing" seconds=\d+(\.\d+)?$/,
    );
  });

  it('hangs up a call that passes CALLFLOW_MAX_CALL_SECONDS and logs it as ended by the time limit, in the step it was in', async () => {
    const { session, router, callLog, metrics } = await callWaitingInMenu(
      'chan-long',
      waitingMenuFlow,
      silent,
      {
        limits: { ...defaultCallLimits, maxCallMs: 300 },
      },
    );
    await vi.waitFor(() =>
      expect(fixture.server.requestsTo('DELETE', '/ari/channels/chan-long')).toHaveLength(1),
    );
    router.dispatch(
      testAriEvent({
        type: 'ChannelHangupRequest',
        cause: 32,
        soft: true,
        channel: channelJson('chan-long'),
      }),
    );
    router.dispatch(testAriEvent({ type: 'StasisEnd', channel: channelJson('chan-long') }));
    await session;
    await callLog.flush();
    const call = await fixture.db.prisma.call.findFirstOrThrow({
      where: { channelId: 'chan-long' },
      include: { steps: { orderBy: { seq: 'asc' } } },
    });
    const reason =
      'the call reached 0.3 s, the most CALLFLOW_MAX_CALL_SECONDS allows: the runtime hung it up';
    expect(call).toMatchObject({ outcome: 'time_limit', error: reason, hangupCause: '16 Normal Clearing' });
    expect(call.steps.map((s) => `${s.nodeId}:${s.port ?? s.error}`)).toEqual([
      'start:next',
      'answer:next',
      `menu:${reason}`,
    ]);
    expect(metrics.callLimitsReached.labels('test', 'call_seconds').value).toBe(1);
    expect(metrics.callsEnded.labels('test', 'time_limit').value).toBe(1);
  });

  it('refuses the HTTP lookup beyond CALLFLOW_MAX_HTTP_LOOKUPS_PER_CALL without a request: the step takes its error port and says why', async () => {
    const lookup = (id: string) => ({
      id,
      kind: 'httpLookup',
      options: { url: 'https://crm.example/lookup?n={{caller.number}}' },
    });
    const lookups = validateFlow(
      testFlow(
        [{ id: 'start', kind: 'start' }, lookup('first'), lookup('second'), { id: 'bye', kind: 'hangup' }],
        ['start -> first', 'first.success -> second', 'second.error -> bye'],
      ),
    );
    const requested: string[] = [];
    const { session, router, callLog, metrics } = await callWaitingInMenu('chan-http', lookups, silent, {
      limits: { ...defaultCallLimits, maxHttpLookups: 1 },
      fetch: async (input) => {
        requested.push(String(input));
        return new Response('{}', { headers: { 'content-type': 'application/json' } });
      },
    });
    await vi.waitFor(() =>
      expect(fixture.server.requestsTo('DELETE', '/ari/channels/chan-http')).toHaveLength(1),
    );
    router.dispatch(testAriEvent({ type: 'StasisEnd', channel: channelJson('chan-http') }));
    await session;
    await callLog.flush();
    const call = await fixture.db.prisma.call.findFirstOrThrow({
      where: { channelId: 'chan-http' },
      include: { steps: { orderBy: { seq: 'asc' } } },
    });
    expect(requested).toEqual(['https://crm.example/lookup?n=1001']);
    expect(call.steps.map((s) => [s.nodeId, s.port, s.error])).toEqual([
      ['start', 'next', null],
      ['first', 'success', null],
      [
        'second',
        'error',
        'HTTP lookup not made: this call already made 1, the most CALLFLOW_MAX_HTTP_LOOKUPS_PER_CALL allows',
      ],
      ['bye', 'ended', null],
    ]);
    expect(metrics.callLimitsReached.labels('test', 'http_lookups').value).toBe(1);
  });

  it('counts a call stopped at the step limit in the limits metric', async () => {
    const loop = validateFlow(
      testFlow(
        [
          { id: 'start', kind: 'start' },
          { id: 'a', kind: 'setVariable', options: { name: 'x', value: '1' } },
          { id: 'b', kind: 'setVariable', options: { name: 'x', value: '2' } },
        ],
        ['start -> a -> b -> a'],
      ),
    );
    const { session, router, callLog, metrics } = await callWaitingInMenu('chan-loop', loop, silent, {
      stepLimit: 10,
    });
    await vi.waitFor(() =>
      expect(fixture.server.requestsTo('DELETE', '/ari/channels/chan-loop')).toHaveLength(1),
    );
    router.dispatch(testAriEvent({ type: 'StasisEnd', channel: channelJson('chan-loop') }));
    await session;
    await callLog.flush();
    expect(
      await fixture.db.prisma.call.findFirstOrThrow({ where: { channelId: 'chan-loop' } }),
    ).toMatchObject({
      outcome: 'step_limit',
      stepCount: 10,
    });
    expect(metrics.callLimitsReached.labels('test', 'steps').value).toBe(1);
  });
});
