import { bridgeJson, channelJson, eventOrders, type FakeReply, playbackJson } from '@callflow/ari/testing';
import {
  type CallChannelUnderTest,
  describeCallChannelContract,
  type RefusableOperation,
  type WaitingOperation,
} from '@callflow/flow/callChannelContract';
import { type DialOutcome, deviceState, hangupCause } from '@callflow/flow/runtime';
import { describe } from 'vitest';
import { type CallChannelHarness, useCallChannelHarness } from '../testing/callChannelHarness.ts';
import { simulateCalls } from '../testing/simulateCalls.ts';

// The CallChannel contract (packages/flow/src/testing/describeCallChannelContract.ts), which the
// FakeChannel of the node tests passes too, run against AriCallChannel on a fake Asterisk.

const app = 'callflow-1';
const callerId = 'caller-1';

/** The Q.850 cause a callee's channel ends with for each outcome, as chan_pjsip reports them. */
const calleeCauses: Record<Exclude<DialOutcome, 'answered'>, number> = {
  busy: 17,
  noanswer: 19,
  unavailable: 20,
  failed: 34,
};

const refusal: FakeReply = { status: 409, json: { message: 'Channel not in Stasis application' } };

/** The request each operation sends that Asterisk refuses (its own request for the caller's channel). */
const refusedRequests: Record<RefusableOperation, [method: string, path: RegExp]> = {
  answer: ['POST', /^\/ari\/channels\/caller-1\/answer$/],
  play: ['POST', /^\/ari\/channels\/caller-1\/play\/[^/]+$/],
  record: ['POST', /^\/ari\/channels\/caller-1\/record$/],
  joinBridge: ['POST', /^\/ari\/bridges\/[^/]+\/addChannel$/],
  dial: ['POST', /^\/ari\/channels\/[^/]+\/dial$/],
  setDeviceState: ['PUT', /^\/ari\/deviceStates\/[^/]+$/],
};

/** The request during which the caller hangs up (nextDigit sends none). */
const heldRequests: Record<Exclude<WaitingOperation, 'nextDigit'>, [method: string, path: RegExp]> = {
  play: ['POST', /^\/ari\/channels\/caller-1\/play\/[^/]+$/],
  record: ['POST', /^\/ari\/channels\/caller-1\/record$/],
  joinBridge: ['POST', /^\/ari\/bridges\/callflow-bridge-[^/]+\/addChannel$/],
  dial: ['POST', /^\/ari\/channels\/[^/]+\/dial$/],
};

const segment = (path: string, index: number) => decodeURIComponent(path.split('/')[index] ?? '');

/** Asterisk's answer to each held request: the operation is under way. */
const heldReplies: Record<keyof typeof heldRequests, (path: string) => FakeReply> = {
  play: (path) => ({ json: { ...playbackJson(segment(path, 5)), target_uri: `channel:${callerId}` } }),
  record: () => ({
    status: 201,
    json: { name: 'contract/take', format: 'wav', state: 'queued', target_uri: `channel:${callerId}` },
  }),
  joinBridge: () => ({ status: 204 }),
  dial: () => ({ status: 204 }),
};
const dtmf = (digit: string) => ({
  type: 'ChannelDtmfReceived',
  digit,
  duration_ms: 100,
  channel: channelJson(callerId),
});

/**
 * The caller's channel on a fake Asterisk (simulateCalls: answer, play, record, device states,
 * hangups) with the callee side of a dial and bridges added here, as the contract arranges them.
 */
function ariChannelUnderTest(h: CallChannelHarness): CallChannelUnderTest {
  const calls = simulateCalls(h.server, { events: h.events.order });
  // What the fake Asterisk sends on the app's socket reaches the call's router, as in a session...
  const stopObserving = h.server.observeEvents((_app, event) => h.emit(event));
  // ...and, as CallSession does, the caller's StasisEnd ends the call.
  const stopWatching = h.router.on(`channel:${callerId}`, (event) => {
    if (event.type === 'StasisEnd') h.hangup.abort();
  });
  calls.startCall(app, callerId);
  /** Sends `events` on the app's socket before the answer or once it is written, as the order says. */
  const answerWith = (
    reply: FakeReply,
    events: Record<string, unknown>[] = [],
    after = () => {},
  ): FakeReply => {
    const send = () => {
      for (const event of events) h.server.sendEvent(app, event);
      after();
    };
    if (h.events.order === 'events after the answer')
      return { ...reply, afterSent: () => setImmediate(send) };
    send();
    return reply;
  };
  const hangUpCaller = () => calls.hangUp(callerId);

  let calleeOutcome: DialOutcome = 'answered';
  let calleeId = '';
  h.server.route('POST', '/ari/channels/create', (request) => {
    calleeId = request.query.get('channelId') ?? '';
    return answerWith({ json: channelJson(calleeId) }, [
      { type: 'StasisStart', args: ['callflow-outbound-leg'], channel: channelJson(calleeId) },
    ]);
  });
  h.server.route('POST', /^\/ari\/channels\/[^/]+\/dial$/, () => {
    const outcome = calleeOutcome;
    return outcome === 'answered'
      ? answerWith({ status: 204 }, [
          { type: 'Dial', dialstatus: 'ANSWER', peer: channelJson(calleeId, { state: 'Up' }) },
        ])
      : answerWith({ status: 204 }, [], () => calls.hangUp(calleeId, calleeCauses[outcome]));
  });
  h.server.route('POST', '/ari/bridges', (request) => ({
    json: bridgeJson(request.query.get('bridgeId') ?? ''),
  }));
  h.server.route('POST', /^\/ari\/bridges\/[^/]+\/(addChannel|removeChannel|moh)$/, (request) =>
    // The answered callee talks, then hangs up.
    segment(request.rawPath, 3).startsWith('callflow-dial-')
      ? answerWith({ status: 204 }, [], () => calls.hangUp(calleeId, 16))
      : { status: 204 },
  );
  h.server.route('DELETE', /^\/ari\/bridges\/[^/]+(\/moh)?$/, () => ({ status: 204 }));

  return {
    channel: h.channel,
    pressDuringNextPrompt: (...digits) => {
      h.server.route('POST', /^\/ari\/channels\/caller-1\/play\/[^/]+$/, (request) => {
        const playback = (state: string) => ({
          ...playbackJson(segment(request.rawPath, 5), state),
          target_uri: `channel:${callerId}`,
        });
        return answerWith({ json: playback('playing') }, [
          ...digits.splice(0).map(dtmf),
          { type: 'PlaybackFinished', playback: playback('done') },
        ]);
      });
    },
    pressWhileWaiting: (digit) => {
      setTimeout(() => h.server.sendEvent(app, dtmf(digit)), 10);
    },
    hangUpDuring: (operation) => {
      if (operation === 'nextDigit') {
        setTimeout(hangUpCaller, 10);
        return;
      }
      const [method, path] = heldRequests[operation];
      h.server.route(method, path, (request) =>
        answerWith(heldReplies[operation](request.rawPath), [], hangUpCaller),
      );
    },
    refuse: (operation) => {
      const [method, path] = refusedRequests[operation];
      h.server.route(method, path, () => refusal);
    },
    calleeEnds: (outcome) => {
      calleeOutcome = outcome;
    },
    deviceStates: () =>
      h.server.requests
        .filter((request) => request.method === 'PUT' && request.rawPath.startsWith('/ari/deviceStates/'))
        .map((request) => ({
          device: segment(request.rawPath, 3),
          state: deviceState.parse(request.query.get('deviceState')),
        })),
    hungUpWith: () => {
      const hangup = h.server.requests.find(
        (request) => request.method === 'DELETE' && request.rawPath === `/ari/channels/${callerId}`,
      );
      return hangup === undefined ? null : hangupCause.parse(hangup.query.get('reason'));
    },
    close: async () => {
      stopWatching();
      stopObserving();
    },
  };
}

describe.each(eventOrders)('AriCallChannel on a fake Asterisk, %s', (order) => {
  const h = useCallChannelHarness(order);
  describeCallChannelContract('AriCallChannel', async () => ariChannelUnderTest(h));
});
