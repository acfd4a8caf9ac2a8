import { channelJson, eventOrders, playbackJson } from '@callflow/ari/testing';
import { StepFailure } from '@callflow/flow/runtime';
import { describe, expect, it, vi } from 'vitest';
import { useCallChannelHarness } from '../../testing/callChannelHarness.ts';

describe.each(eventOrders)('playMedia, %s', (order) => {
  const h = useCallChannelHarness(order);

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
});
