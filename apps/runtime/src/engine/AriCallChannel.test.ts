import { bridgeJson, channelJson, eventOrders, playbackJson } from '@callflow/ari/testing';
import { CallEndedError, StepFailure } from '@callflow/flow/runtime';
import { describe, expect, it, vi } from 'vitest';
import { useCallChannelHarness } from '../testing/callChannelHarness.ts';
import { simulateCalls } from '../testing/simulateCalls.ts';

describe.each(eventOrders)('AriCallChannel, %s', (order) => {
  const h = useCallChannelHarness(order);

  it('turns a 404 on the caller channel (hung up between two steps) into the end of the call', async () => {
    h.server.route('POST', /^\/ari\/channels\/caller-1\/play\//, () => ({
      status: 404,
      json: { message: 'Channel not found' },
    }));
    await expect(
      h.channel.play(['sound:hello'], { language: null, interruptOnDigit: false }),
    ).rejects.toBeInstanceOf(CallEndedError);
  });

  it('turns a 409 from Asterisk into a step failure that names the problem', async () => {
    h.server.route('POST', /^\/ari\/channels\/caller-1\/play\//, () => ({
      status: 409,
      json: { message: 'Channel not in Stasis application' },
    }));
    const failure = await h.channel
      .play(['sound:hello'], { language: null, interruptOnDigit: false })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StepFailure);
    expect(String(failure)).toMatch(/not in Stasis/);
  });

  it('stops the prompt when a digit arrives during it and keeps the digit for the menu', async () => {
    let playbackId = '';
    h.server.route('POST', /^\/ari\/channels\/caller-1\/play\//, (request) => {
      playbackId = decodeURIComponent(request.rawPath.split('/').pop() ?? '');
      return { json: playbackJson(playbackId) };
    });
    h.server.route('DELETE', /^\/ari\/playbacks\//, () => {
      h.events.send({ type: 'PlaybackFinished', playback: playbackJson(playbackId, 'done') });
      return { status: 204 };
    });
    const playing = h.channel.play(['sound:menu'], { language: 'en', interruptOnDigit: true });
    await vi.waitFor(() => expect(playbackId).not.toBe(''));
    h.emit({ type: 'ChannelDtmfReceived', digit: '3', duration_ms: 100, channel: channelJson('caller-1') });
    await playing;
    expect(h.server.requestsTo('DELETE', `/ari/playbacks/${playbackId}`)).toHaveLength(1);
    expect(h.server.requests.find((r) => r.method === 'POST')?.query.get('lang')).toBe('en');
    expect(await h.channel.nextDigit(10)).toBe('3');
    expect(h.cleanup.pending).toEqual([]);
  });

  it('returns null from nextDigit after the timeout and rejects when the caller hangs up', async () => {
    expect(await h.channel.nextDigit(20)).toBeNull();
    const waiting = h.channel.nextDigit(5000);
    h.hangup.abort();
    await expect(waiting).rejects.toBeInstanceOf(CallEndedError);
  });

  it('reports busy when the callee leg ends with cause 17, stops the ringback, and sends nothing for the gone callee', async () => {
    const legsWhileCreating: string[][] = [];
    h.server.route('POST', '/ari/channels/create', (request) => {
      const calleeId = request.query.get('channelId') ?? '';
      legsWhileCreating.push([...h.outboundLegs]);
      h.events.send({ type: 'StasisStart', args: ['callflow-outbound-leg'], channel: channelJson(calleeId) });
      return { json: channelJson(calleeId) };
    });
    h.server.route('POST', /^\/ari\/channels\/[^/]+\/play\//, () => ({ json: playbackJson('ring') }));
    h.server.route('POST', /^\/ari\/channels\/[^/]+\/dial$/, (request) => {
      const calleeId = decodeURIComponent(request.rawPath.split('/')[3] ?? '');
      h.events.send({
        type: 'ChannelDestroyed',
        cause: 17,
        cause_txt: 'User busy',
        channel: channelJson(calleeId),
      });
      return { status: 204 };
    });
    h.server.route('DELETE', /^\/ari\/(channels|bridges|playbacks)\//, () => ({
      status: 404,
      json: { message: 'gone' },
    }));
    const outcome = await h.channel.dial({
      endpoint: 'PJSIP/agent',
      timeoutSeconds: 5,
      callerId: null,
      ringback: true,
    });
    expect(outcome).toBe('busy');
    const create = h.server.requestsTo('POST', '/ari/channels/create')[0];
    expect(create?.query.get('endpoint')).toBe('PJSIP/agent');
    expect(create?.query.get('appArgs')).toBe('callflow-outbound-leg');
    // The leg is known by the id the runtime chose while it is dialled, and forgotten afterwards.
    expect(create?.query.get('channelId')).toMatch(/^callflow-leg-[0-9a-f-]{36}$/);
    expect(legsWhileCreating).toEqual([[create?.query.get('channelId')]]);
    expect(h.outboundLegs.size).toBe(0);
    expect(
      h.server.requests.some((r) => r.method === 'DELETE' && r.rawPath.startsWith('/ari/channels/')),
    ).toBe(false);
    expect(
      h.server.requests.filter(
        (r) => r.method === 'DELETE' && r.rawPath.startsWith('/ari/playbacks/ringback-'),
      ),
    ).toHaveLength(1);
    expect(h.cleanup.pending).toEqual([]);
  });

  it('stops the ringback and hangs up the callee when Asterisk refuses the dial', async () => {
    h.server.route('POST', '/ari/channels/create', (request) => {
      const calleeId = request.query.get('channelId') ?? '';
      h.events.send({ type: 'StasisStart', args: ['callflow-outbound-leg'], channel: channelJson(calleeId) });
      return { json: channelJson(calleeId) };
    });
    h.server.route('POST', /^\/ari\/channels\/caller-1\/play\//, () => ({ json: playbackJson('ring') }));
    h.server.route('POST', /^\/ari\/channels\/[^/]+\/dial$/, () => ({
      status: 409,
      json: { message: 'Channel not in Stasis application' },
    }));
    h.server.route('DELETE', /^\/ari\//, () => ({ status: 204 }));
    const failure = await h.channel
      .dial({ endpoint: 'PJSIP/agent', timeoutSeconds: 5, callerId: null, ringback: true })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StepFailure);
    const deletes = h.server.requests
      .filter((r) => r.method === 'DELETE')
      .map((r) => r.rawPath.split('/')[2]);
    expect(deletes.sort()).toEqual(['channels', 'playbacks']);
    expect(h.cleanup.pending).toEqual([]);
  });

  it('leaves the callee to the session cleanup when the caller hangs up while it rings', async () => {
    h.server.route('POST', '/ari/channels/create', (request) => {
      const calleeId = request.query.get('channelId') ?? '';
      h.events.send({ type: 'StasisStart', args: ['callflow-outbound-leg'], channel: channelJson(calleeId) });
      return { json: channelJson(calleeId) };
    });
    // The caller hangs up once the dial has been answered: the callee is ringing.
    h.server.route('POST', /^\/ari\/channels\/[^/]+\/dial$/, () => ({
      status: 204,
      afterSent: () => h.hangup.abort(),
    }));
    h.server.route('DELETE', /^\/ari\//, () => ({ status: 204 }));
    await expect(
      h.channel.dial({ endpoint: 'PJSIP/agent', timeoutSeconds: 5, callerId: null, ringback: false }),
    ).rejects.toBeInstanceOf(CallEndedError);
    expect(h.cleanup.pending).toEqual([expect.stringMatching(/^callee:/)]);
    await h.cleanup.runAll();
    expect(
      h.server.requests.filter((r) => r.method === 'DELETE' && r.rawPath.startsWith('/ari/channels/')),
    ).toHaveLength(1);
  });

  it("reports 'unavailable' when Asterisk cannot create the callee channel", async () => {
    h.server.route('POST', '/ari/channels/create', () => ({
      status: 400,
      json: { message: 'Invalid endpoint' },
    }));
    h.server.route('DELETE', /^\/ari\//, () => ({ status: 404, json: { message: 'gone' } }));
    expect(
      await h.channel.dial({ endpoint: 'PJSIP/nobody', timeoutSeconds: 5, callerId: null, ringback: false }),
    ).toBe('unavailable');
  });

  it('keeps at most CALLFLOW_MAX_BUFFERED_DIGITS unread digits, dropping the oldest, with one log line per call', async () => {
    h.channel.dispose();
    h.channel = h.channelWith({ maxBufferedDigits: 4 });
    for (const digit of '123456789')
      h.emit({ type: 'ChannelDtmfReceived', digit, duration_ms: 100, channel: channelJson('caller-1') });
    const read: (string | null)[] = [];
    for (let i = 0; i < 5; i++) read.push(await h.channel.nextDigit(1));
    expect(read).toEqual(['6', '7', '8', '9', null]);
    expect(h.limitsReached).toEqual(['buffered_digits']);
    expect(h.warnings).toEqual([expect.stringMatching(/WARN .*dropping the oldest digits.* limit=4$/)]);
  });

  it('ends the call once the caller has been in a named bridge for CALLFLOW_MAX_BRIDGE_SECONDS, leaving the bridge to the session cleanup', async () => {
    h.channel.dispose();
    h.channel = h.channelWith({ maxBridgeMs: 50 });
    h.server.route('POST', '/ari/bridges', () => ({ json: bridgeJson('callflow-bridge-room') }));
    h.server.route('POST', '/ari/bridges/callflow-bridge-room/addChannel', () => ({ status: 204 }));
    h.server.route('POST', /^\/ari\/bridges\/callflow-bridge-room\/(moh|removeChannel)$/, () => ({
      status: 204,
    }));
    h.server.route('DELETE', /^\/ari\//, () => ({ status: 204 }));
    await expect(
      h.channel.joinBridge({
        name: 'room',
        musicOnHoldClass: null,
        timeLimitSeconds: null,
        leaveOnDigit: null,
      }),
    ).rejects.toBeInstanceOf(CallEndedError);
    expect(h.stopped.map((reason) => [reason.limit, reason.message])).toEqual([
      [
        'bridge_seconds',
        'the caller was in bridge room for 0.05 s, the most CALLFLOW_MAX_BRIDGE_SECONDS allows: the runtime ended the call',
      ],
    ]);
    expect(h.cleanup.pending).toEqual(['bridge:room']);
    await h.cleanup.runAll();
    expect(h.server.requestsTo('DELETE', '/ari/bridges/callflow-bridge-room')).toHaveLength(1);
  });

  it('ends the call once an answered dial has lasted CALLFLOW_MAX_BRIDGE_SECONDS, leaving both legs and the bridge to the session cleanup', async () => {
    h.channel.dispose();
    h.channel = h.channelWith({ maxBridgeMs: 50 });
    h.server.route('POST', '/ari/channels/create', (request) => {
      const calleeId = request.query.get('channelId') ?? '';
      h.events.send({ type: 'StasisStart', args: [], channel: channelJson(calleeId) });
      return { json: channelJson(calleeId) };
    });
    h.server.route('POST', /^\/ari\/channels\/[^/]+\/dial$/, (request) => {
      const calleeId = decodeURIComponent(request.rawPath.split('/')[3] ?? '');
      h.events.send({
        type: 'Dial',
        dialstatus: 'ANSWER',
        peer: channelJson(calleeId, { state: 'Up' }),
        caller: channelJson('caller-1'),
      });
      return { status: 204 };
    });
    h.server.route('POST', '/ari/bridges', (request) => ({
      json: bridgeJson(request.query.get('bridgeId') ?? ''),
    }));
    h.server.route('POST', /^\/ari\/bridges\/[^/]+\/addChannel$/, () => ({ status: 204 }));
    h.server.route('DELETE', /^\/ari\//, () => ({ status: 204 }));
    await expect(
      h.channel.dial({ endpoint: 'PJSIP/agent', timeoutSeconds: 5, callerId: null, ringback: false }),
    ).rejects.toBeInstanceOf(CallEndedError);
    expect(h.stopped.map((reason) => reason.message)).toEqual([
      'the caller was in the answered call to PJSIP/agent for 0.05 s, the most CALLFLOW_MAX_BRIDGE_SECONDS allows: the runtime ended the call',
    ]);
    expect(h.cleanup.pending.map((key) => key.split(':')[0]).sort()).toEqual(['bridge', 'callee']);
    await h.cleanup.runAll();
    const deletes = h.server.requests
      .filter((r) => r.method === 'DELETE')
      .map((r) => r.rawPath.split('/')[2]);
    expect(deletes.sort()).toEqual(['bridges', 'channels']);
  });

  it('finishes a prompt when Asterisk reports it done, and leaves nothing to stop', async () => {
    h.server.route('POST', /^\/ari\/channels\/caller-1\/play\//, (request) => {
      const id = decodeURIComponent(request.rawPath.split('/').pop() ?? '');
      h.events.send({ type: 'PlaybackStarted', playback: playbackJson(id) });
      h.events.send({ type: 'PlaybackFinished', playback: playbackJson(id, 'done') });
      return { json: playbackJson(id) };
    });
    await h.channel.play(['sound:hello-world'], { language: null, interruptOnDigit: false });
    expect(h.server.requests.filter((r) => r.method === 'DELETE')).toEqual([]);
    expect(h.cleanup.pending).toEqual([]);
  });

  it('fails the step, naming the media, when Asterisk ends the playback as failed (a sound it cannot find)', async () => {
    // res_stasis_playback: the last item failing ends the playback in state "failed".
    h.server.route('POST', /^\/ari\/channels\/caller-1\/play\//, (request) => {
      const id = decodeURIComponent(request.rawPath.split('/').pop() ?? '');
      h.events.send({ type: 'PlaybackStarted', playback: playbackJson(id) });
      h.events.send({ type: 'PlaybackFinished', playback: playbackJson(id, 'failed') });
      return { json: playbackJson(id) };
    });
    const failure = await h.channel
      .play(['sound:no-such-sound'], { language: null, interruptOnDigit: false })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StepFailure);
    expect(String(failure)).toMatch(/could not play sound:no-such-sound/);
    expect(h.cleanup.pending).toEqual([]);
  });

  const recording = (state: string, extra: Record<string, unknown> = {}) => ({
    name: 'voicemail/take-1',
    format: 'wav',
    target_uri: 'channel:caller-1',
    state,
    ...extra,
  });
  const recordRequest = {
    name: 'voicemail/take-1',
    format: 'wav',
    maxDurationSeconds: 30,
    maxSilenceSeconds: 3,
    beep: true,
    terminateOn: '#',
  } as const;

  it('records until Asterisk reports RecordingFinished', async () => {
    h.server.route('POST', '/ari/channels/caller-1/record', () => {
      h.events.send({ type: 'RecordingStarted', recording: recording('recording') });
      h.events.send({ type: 'RecordingFinished', recording: recording('done', { duration: 2 }) });
      return { status: 201, json: recording('queued') };
    });
    h.server.route('GET', '/ari/recordings/stored/voicemail%2Ftake-1', () => ({
      json: { name: 'voicemail/take-1', format: 'wav' },
    }));
    await h.channel.record(recordRequest);
    const sent = h.server.requestsTo('POST', '/ari/channels/caller-1/record')[0];
    expect(sent?.query.get('name')).toBe('voicemail/take-1');
    expect(sent?.query.get('ifExists')).toBe('overwrite');
  });

  it("fails the step with Asterisk's cause when the recording fails", async () => {
    h.server.route('POST', '/ari/channels/caller-1/record', () => {
      h.events.send({ type: 'RecordingFailed', recording: recording('failed', { cause: 'disk full' }) });
      return { status: 201, json: recording('queued') };
    });
    const failure = await h.channel.record(recordRequest).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StepFailure);
    expect(String(failure)).toMatch(/recording voicemail\/take-1 failed: disk full/);
  });

  it('fails the step when Asterisk reports the recording finished but stored no file', async () => {
    // What Asterisk 22 does when it cannot create the file: RecordingFinished, duration 0, nothing stored.
    h.server.route('POST', '/ari/channels/caller-1/record', () => {
      h.events.send({ type: 'RecordingStarted', recording: recording('recording') });
      h.events.send({ type: 'RecordingFinished', recording: recording('done', { duration: 0 }) });
      return { status: 201, json: recording('queued') };
    });
    h.server.route('GET', '/ari/recordings/stored/voicemail%2Ftake-1', () => ({
      status: 404,
      json: { message: 'Recording not found' },
    }));
    const failure = await h.channel.record(recordRequest).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StepFailure);
    expect(String(failure)).toMatch(
      /Asterisk kept no file for recording voicemail\/take-1: nothing was recorded/,
    );
  });

  it('keeps a recording Asterisk finished when only the check for its file fails (HTTP 500)', async () => {
    h.server.route('POST', '/ari/channels/caller-1/record', () => {
      h.events.send({ type: 'RecordingFinished', recording: recording('done', { duration: 2 }) });
      return { status: 201, json: recording('queued') };
    });
    h.server.route('GET', '/ari/recordings/stored/voicemail%2Ftake-1', () => ({
      status: 500,
      json: { message: 'Internal Server Error' },
    }));
    await h.channel.record(recordRequest);
    expect(h.server.requestsTo('GET', '/ari/recordings/stored/voicemail%2Ftake-1')).toHaveLength(1);
  });

  /** Dials 'PJSIP/agent' on a fake Asterisk whose callee sends `calleeEvents` when dialled. */
  async function dialWith(calleeEvents: (calleeId: string) => Record<string, unknown>[]) {
    h.server.route('POST', '/ari/channels/create', (request) => {
      const calleeId = request.query.get('channelId') ?? '';
      h.events.send({ type: 'StasisStart', args: ['callflow-outbound-leg'], channel: channelJson(calleeId) });
      return { json: channelJson(calleeId) };
    });
    h.server.route('POST', /^\/ari\/channels\/[^/]+\/dial$/, (request) => {
      const calleeId = decodeURIComponent(request.rawPath.split('/')[3] ?? '');
      for (const event of calleeEvents(calleeId)) h.events.send(event);
      return { status: 204 };
    });
    h.server.route('DELETE', /^\/ari\//, () => ({ status: 404, json: { message: 'gone' } }));
    return h.channel.dial({ endpoint: 'PJSIP/agent', timeoutSeconds: 5, callerId: null, ringback: false });
  }

  it.each([
    [17, 'busy'],
    [21, 'busy'],
    [19, 'noanswer'],
    [18, 'noanswer'],
    [3, 'unavailable'],
    [20, 'unavailable'],
    [34, 'failed'],
  ])('reports a callee hanging up with cause %i before answering as %s', async (cause, outcome) => {
    const result = await dialWith((calleeId) => [
      { type: 'Dial', dialstatus: 'RINGING', peer: channelJson(calleeId) },
      { type: 'ChannelHangupRequest', cause, channel: channelJson(calleeId) },
      { type: 'ChannelDestroyed', cause, cause_txt: `cause ${cause}`, channel: channelJson(calleeId) },
    ]);
    expect(result).toBe(outcome);
    expect(h.cleanup.pending).toEqual([]);
  });

  it.each([
    ['BUSY', 'busy'],
    ['NOANSWER', 'noanswer'],
    ['CHANUNAVAIL', 'unavailable'],
    ['CONGESTION', 'failed'],
  ])('reports a Dial event with dialstatus %s as %s', async (dialstatus, outcome) => {
    const result = await dialWith((calleeId) => [
      { type: 'Dial', dialstatus: 'RINGING', peer: channelJson(calleeId) },
      { type: 'Dial', dialstatus, peer: channelJson(calleeId) },
    ]);
    expect(result).toBe(outcome);
  });

  it('treats a request on a channel Asterisk does not have (404 Channel not found) as the end of the call', async () => {
    const calls = simulateCalls(h.server);
    // Never in Stasis: Asterisk has no such channel.
    await expect(h.channel.answer()).rejects.toBeInstanceOf(CallEndedError);
    // Hung up between two steps, its events not here yet.
    calls.startCall('callflow-1', 'caller-1');
    await h.channel.answer();
    calls.hangUp('caller-1', 17);
    await expect(
      h.channel.play(['sound:hello-world'], { language: null, interruptOnDigit: false }),
    ).rejects.toBeInstanceOf(CallEndedError);
    await expect(h.channel.record(recordRequest)).rejects.toBeInstanceOf(CallEndedError);
    await expect(h.channel.setDeviceState('Stasis:agent', 'INUSE')).resolves.toBeUndefined();
    // What may still play is the session's to stop once the call has ended.
    expect(h.cleanup.pending).toEqual([expect.stringMatching(/^playback:/)]);
  });
});
