import { AriClient, parseAriEvent } from '@callflow/ari';
import type { FakeReply, RecordedRequest } from '@callflow/ari/testing';
import {
  channelJson,
  type EventOrder,
  eventOrders,
  OrderedEvents,
  playbackJson,
} from '@callflow/ari/testing';
import { validateFlow } from '@callflow/flow';
import { testFlow } from '@callflow/flow/testing';
import { describe, expect, it } from 'vitest';
import { CallLogWriter } from '../callLog/CallLogWriter.ts';
import { Logger } from '../log/Logger.ts';
import { runTestCallSession } from '../testing/runTestCallSession.ts';
import { useDatabaseAndFakeAri } from '../testing/useDatabaseAndFakeAri.ts';
import { EventRouter } from './EventRouter.ts';

/*
 * Whole calls on a fake Asterisk whose events about a request come before or after its HTTP answer:
 * what the call log shows when a prompt fails, a recording is made, or the caller hangs up with a
 * cause other than 16.
 */

const silent = new Logger('error', {}, () => {});
const fixture = useDatabaseAndFakeAri('session-events');

const sound = (name: string) => ({ type: 'sound', name });

/** greet → take (record) → oops (a missing sound) → error port → bye (hangup); take's error → bye. */
const flow = validateFlow(
  testFlow(
    [
      { id: 'start', kind: 'start' },
      { id: 'answer', kind: 'answer' },
      { id: 'greet', kind: 'play', options: { prompts: [sound('hello-world')] } },
      { id: 'take', kind: 'record', options: { nameTemplate: 'voicemail/{{call.channelId}}' } },
      { id: 'oops', kind: 'play', options: { prompts: [sound('hello-world'), sound('no-such-sound')] } },
      { id: 'bye', kind: 'hangup' },
    ],
    ['start -> answer -> greet -> take -> oops', 'oops.error -> bye', 'take.error -> bye'],
  ),
);

interface FakeCall {
  /** Asterisk ends the playback with this media as its last item in state "failed". */
  missingSound?: string;
  /** The caller hangs up with this Q.850 cause when the prompt `greet` starts. */
  hangsUpDuringGreetingWith?: number;
  /** The channel is gone: requests on it answer 404 "Channel not found". */
  goneAfterAnswer?: boolean;
  /** Asterisk cannot write the recording: it reports it finished (duration 0) and stores nothing. */
  recordingNotStored?: boolean;
}

/** Runs the flow on `channelId` to its end on a fake Asterisk; resolves with the call log row. */
async function runCall(channelId: string, order: EventOrder, fake: FakeCall) {
  if (flow.document === null) throw new Error('invalid test flow');
  const router = new EventRouter();
  const events = new OrderedEvents<Record<string, unknown>>(order, (json) => {
    const parsed = parseAriEvent({
      application: 'callflow-7001',
      timestamp: new Date().toISOString(),
      ...json,
    });
    if (!parsed.ok) throw new Error('bad test event');
    if (parsed.known) router.dispatch(parsed.event);
  });
  let gone = false;
  const channel = channelJson(channelId, { state: 'Up' });
  const hangUp = (cause: number) => {
    gone = true;
    events.send({ type: 'ChannelHangupRequest', cause, channel });
    events.send({ type: 'StasisEnd', channel });
  };
  /** A channel gone unnoticed: Asterisk's hangup events come with the first 404 on it. */
  let goneUnnoticed = false;
  const on = (handle: (request: RecordedRequest) => FakeReply) => (request: RecordedRequest) => {
    if (goneUnnoticed) {
      goneUnnoticed = false;
      hangUp(34);
    }
    return gone ? { status: 404, json: { message: 'Channel not found' } } : handle(request);
  };
  fixture.server.route(
    'POST',
    `/ari/channels/${channelId}/answer`,
    on(() => {
      events.send({ type: 'ChannelStateChange', channel });
      if (fake.goneAfterAnswer) gone = goneUnnoticed = true;
      return { status: 204 };
    }),
  );
  fixture.server.route(
    'POST',
    new RegExp(`^/ari/channels/${channelId}/play/`),
    on((request) => {
      const id = decodeURIComponent(request.rawPath.split('/').pop() ?? '');
      const media = request.query.get('media') ?? '';
      events.send({ type: 'PlaybackStarted', playback: playbackJson(id) });
      if (fake.hangsUpDuringGreetingWith !== undefined) hangUp(fake.hangsUpDuringGreetingWith);
      else {
        const failed = media.split(',').at(-1) === fake.missingSound;
        events.send({ type: 'PlaybackFinished', playback: playbackJson(id, failed ? 'failed' : 'done') });
      }
      return { json: playbackJson(id) };
    }),
  );
  fixture.server.route(
    'POST',
    `/ari/channels/${channelId}/record`,
    on((request) => {
      const recording = (state: string) => ({
        name: request.query.get('name'),
        format: 'wav',
        target_uri: `channel:${channelId}`,
        state,
      });
      events.send({ type: 'RecordingStarted', recording: recording('recording') });
      events.send({
        type: 'RecordingFinished',
        recording: { ...recording('done'), duration: fake.recordingNotStored ? 0 : 2 },
      });
      return { status: 201, json: recording('queued') };
    }),
  );
  fixture.server.route('GET', `/ari/recordings/stored/${encodeURIComponent(`voicemail/${channelId}`)}`, () =>
    fake.recordingNotStored
      ? { status: 404, json: { message: 'Recording not found' } }
      : { json: { name: `voicemail/${channelId}`, format: 'wav' } },
  );
  fixture.server.route(
    'DELETE',
    `/ari/channels/${channelId}`,
    on(() => {
      // Hung up over ARI: a soft hangup request, whose `cause` holds Asterisk's soft-hangup flags.
      events.send({ type: 'ChannelHangupRequest', cause: 32, soft: true, channel });
      events.send({ type: 'StasisEnd', channel });
      gone = true;
      return { status: 204 };
    }),
  );
  const ari = new AriClient({
    url: fixture.server.url,
    username: fixture.server.username,
    password: fixture.server.password,
    observer: events.observer,
  });
  const callLog = new CallLogWriter(fixture.db.sql, silent, { flushMs: 10, maxBufferedSteps: 100 });
  await runTestCallSession({
    channelId,
    extension: '7001',
    document: flow.document,
    deps: { ari, router, callLog, logger: silent },
  });
  await callLog.close();
  return fixture.db.prisma.call.findFirstOrThrow({
    where: { channelId },
    include: { steps: { orderBy: { seq: 'asc' } } },
  });
}

const path = (call: Awaited<ReturnType<typeof runCall>>) =>
  call.steps.map((step) => `${step.nodeId}:${step.port ?? step.error}`);

describe.each(eventOrders)('a call, with the %s', (order) => {
  const suffix = order === 'events before the answer' ? 'b' : 'a';

  it("records, then takes a prompt's error port when Asterisk ends its playback as failed, and logs why", async () => {
    const call = await runCall(`failing-${suffix}`, order, { missingSound: 'sound:no-such-sound' });
    expect(path(call)).toEqual([
      'start:next',
      'answer:next',
      'greet:next',
      'take:next',
      'oops:error',
      'bye:ended',
    ]);
    expect(call.steps[4]?.error).toBe(
      'Asterisk could not play sound:hello-world, sound:no-such-sound (unknown sound?)',
    );
    expect(JSON.parse(call.steps[3]?.variables ?? '{}')).toMatchObject({
      'vars.recording': `voicemail/failing-${suffix}`,
    });
    expect(call).toMatchObject({ outcome: 'completed', hangupCause: '16 Normal Clearing' });
    expect(fixture.server.requestsTo('POST', `/ari/channels/failing-${suffix}/record`)).toHaveLength(1);
  });

  it('takes the record error port when Asterisk finishes a recording it could not store', async () => {
    const call = await runCall(`unstored-${suffix}`, order, { recordingNotStored: true });
    expect(path(call)).toEqual(['start:next', 'answer:next', 'greet:next', 'take:error', 'bye:ended']);
    expect(call.steps[3]?.error).toMatch(/Asterisk kept no file for recording voicemail\/unstored-/);
    expect(call).toMatchObject({ outcome: 'completed' });
  });

  it("logs the caller's hangup cause as Asterisk gave it (31, not 16)", async () => {
    const call = await runCall(`cause-${suffix}`, order, { hangsUpDuringGreetingWith: 31 });
    expect(path(call)).toEqual(['start:next', 'answer:next', 'greet:caller hung up']);
    expect(call).toMatchObject({ outcome: 'caller_hangup', hangupCause: '31 Normal, unspecified' });
  });

  it('ends the call as the caller hanging up when Asterisk no longer has the channel (404 Channel not found)', async () => {
    const call = await runCall(`gone-${suffix}`, order, { goneAfterAnswer: true });
    expect(path(call)).toEqual(['start:next', 'answer:next', 'greet:caller hung up']);
    expect(call).toMatchObject({ outcome: 'caller_hangup', hangupCause: '34 Circuit/channel congestion' });
    expect(fixture.server.requests.filter((r) => r.rawPath.includes(`/gone-${suffix}/play/`))).toHaveLength(
      1,
    );
    // Nothing left to hang up.
    expect(fixture.server.requestsTo('DELETE', `/ari/channels/gone-${suffix}`)).toEqual([]);
  });
});
