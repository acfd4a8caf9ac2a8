import { bridgeJson, channelJson, eventOrders, playbackJson } from '@callflow/ari/testing';
import { CallEndedError, StepFailure } from '@callflow/flow/runtime';
import { describe, expect, it } from 'vitest';
import { useCallChannelHarness } from '../../testing/callChannelHarness.ts';

describe.each(eventOrders)('dialCallee, %s', (order) => {
  const h = useCallChannelHarness(order);

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
});
