import type { FakeAriServer } from './FakeAriServer.ts';
import { channelJson, playbackJson } from './fixtures.ts';

export interface SimulatedCalls {
  /** Sends StasisStart for a new caller channel on the app's socket, as a dialled call would. */
  startCall(app: string, channelId: string): void;
}

const segment = (path: string, index: number): string => decodeURIComponent(path.split('/')[index] ?? '');

/**
 * Makes a FakeAriServer behave like Asterisk for simple flows (answer, play, device state, hangup):
 * playbacks finish at once with PlaybackStarted/PlaybackFinished, and a hung-up channel gets
 * ChannelHangupRequest, StasisEnd and ChannelDestroyed, each on the socket of the call's app.
 */
export function simulateCalls(server: FakeAriServer): SimulatedCalls {
  const appOf = new Map<string, string>();
  const send = (channelId: string, event: Record<string, unknown>): void => {
    const app = appOf.get(channelId);
    // After the reply, like most of Asterisk's events (the runtime must not depend on either order).
    if (app !== undefined) setImmediate(() => server.sendEvent(app, event));
  };
  const application = (name: string) => ({
    json: { name, channel_ids: [], bridge_ids: [], endpoint_ids: [], device_names: [] },
  });

  server.route('GET', /^\/ari\/applications\/[^/]+$/, (request) => application(segment(request.rawPath, 3)));
  server.route('POST', /^\/ari\/applications\/[^/]+\/subscription$/, (request) =>
    application(segment(request.rawPath, 3)),
  );
  server.route('POST', /^\/ari\/channels\/[^/]+\/answer$/, () => ({ status: 204 }));
  server.route('POST', /^\/ari\/channels\/[^/]+\/play\/[^/]+$/, (request) => {
    const channelId = segment(request.rawPath, 3);
    const playbackId = segment(request.rawPath, 5);
    send(channelId, { type: 'PlaybackStarted', playback: playbackJson(playbackId) });
    send(channelId, { type: 'PlaybackFinished', playback: playbackJson(playbackId, 'done') });
    return { json: playbackJson(playbackId) };
  });
  server.route('DELETE', /^\/ari\/playbacks\/[^/]+$/, () => ({ status: 204 }));
  server.route('PUT', /^\/ari\/deviceStates\/[^/]+$/, () => ({ status: 204 }));
  server.route('DELETE', /^\/ari\/channels\/[^/]+$/, (request) => {
    const channelId = segment(request.rawPath, 3);
    if (!appOf.has(channelId)) return { status: 404, json: { message: 'Channel not found' } };
    const channel = channelJson(channelId, { state: 'Up' });
    send(channelId, { type: 'ChannelHangupRequest', cause: 16, channel });
    send(channelId, { type: 'StasisEnd', channel });
    send(channelId, { type: 'ChannelDestroyed', cause: 16, cause_txt: 'Normal Clearing', channel });
    setImmediate(() => appOf.delete(channelId));
    return { status: 204 };
  });

  return {
    startCall(app, channelId) {
      appOf.set(channelId, app);
      server.sendEvent(app, { type: 'StasisStart', args: [], channel: channelJson(channelId) });
    },
  };
}
