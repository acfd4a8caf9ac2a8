import { eventOrders } from '@callflow/ari/testing';
import { CallEndedError, StepFailure } from '@callflow/flow/runtime';
import { describe, expect, it } from 'vitest';
import { useCallChannelHarness } from '../testing/callChannelHarness.ts';
import { simulateCalls } from '../testing/simulateCalls.ts';
import { recordRequest } from './channel/testing/recordRequest.ts';

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
