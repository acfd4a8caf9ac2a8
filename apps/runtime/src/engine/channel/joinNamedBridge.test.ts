import { bridgeJson, eventOrders } from '@callflow/ari/testing';
import { CallEndedError } from '@callflow/flow/runtime';
import { describe, expect, it } from 'vitest';
import { useCallChannelHarness } from '../../testing/callChannelHarness.ts';

describe.each(eventOrders)('joinNamedBridge, %s', (order) => {
  const h = useCallChannelHarness(order);

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
});
