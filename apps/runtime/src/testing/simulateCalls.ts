import type { EventOrder, FakeAriServer, FakeReply, RecordedRequest } from '@callflow/ari/testing';
import { channelJson, playbackJson } from '@callflow/ari/testing';
import { z } from 'zod';
import { hangupReasonCauses } from '../engine/hangupCauseText.ts';

export interface SimulatedCalls {
  /** Sends StasisStart for a new caller channel on the app's socket, as a dialled call would. */
  startCall(app: string, channelId: string): void;
  /**
   * The caller hangs up with Q.850 `cause`: ChannelHangupRequest, StasisEnd and ChannelDestroyed on the
   * app's socket; from then on requests on the channel answer 404, as Asterisk's do.
   */
  hangUp(channelId: string, cause?: number): void;
  /**
   * A channel sitting in `app` that this socket never got a StasisStart for (left from a dropped
   * connection or a runtime restart): GET /applications/{app} lists it.
   */
  leaveChannel(app: string, channelId: string): void;
  /**
   * Playbacks whose last item is `media` end with state "failed", as Asterisk's do for a sound it
   * cannot find (res_stasis_playback: a failed earlier item only moves on to the next).
   */
  failPlaybacksOf(media: string): void;
  /**
   * Recordings named so are reported finished with nothing stored, as Asterisk does when it cannot
   * write the file (its folder cannot be made, the disk is full).
   */
  storeNothingFor(name: string): void;
  /** Channels Asterisk has now. */
  readonly channels: ReadonlySet<string>;
}

export interface SimulateCallsOptions {
  /**
   * When the events a request causes reach the socket: after its HTTP answer (default), or before it,
   * as real Asterisk may send them.
   */
  events?: EventOrder;
}

const stasisStart = z.object({ type: z.literal('StasisStart'), channel: z.object({ id: z.string() }) });

const segment = (path: string, index: number): string => decodeURIComponent(path.split('/')[index] ?? '');
const channelNotFound: FakeReply = { status: 404, json: { message: 'Channel not found' } };

/**
 * Makes a FakeAriServer behave like Asterisk for simple flows (answer, play, record, device state,
 * hangup): playbacks and recordings finish at once (PlaybackStarted/PlaybackFinished,
 * RecordingStarted/RecordingFinished), an answer brings ChannelStateChange, and a hung-up channel gets
 * ChannelHangupRequest, StasisEnd and ChannelDestroyed, each on the socket of the call's app. A request
 * on a channel Asterisk does not have (never started, or hung up) answers 404 "Channel not found".
 * Channels are known from startCall or any StasisStart sent through the server.
 */
export function simulateCalls(server: FakeAriServer, options: SimulateCallsOptions = {}): SimulatedCalls {
  const before = options.events === 'events before the answer';
  const appOf = new Map<string, string>();
  const leftovers = new Map<string, string>();
  const failingMedia = new Set<string>();
  const unwritable = new Set<string>();
  const storedRecordings = new Map<string, string>();
  server.observeEvents((app, event) => {
    const started = stasisStart.safeParse(event);
    if (started.success) appOf.set(started.data.channel.id, app);
  });
  const appOfChannel = (channelId: string) => appOf.get(channelId) ?? leftovers.get(channelId);
  /** The reply, with `events` sent on the app's socket before it leaves or once it has been written. */
  const replyWith = async (
    app: string,
    events: Record<string, unknown>[],
    reply: FakeReply,
  ): Promise<FakeReply> => {
    if (before) {
      for (const event of events) await server.sendEventHandled(app, event);
      return reply;
    }
    const sendAll = () => {
      for (const event of events) server.sendEvent(app, event);
    };
    return { ...reply, afterSent: () => setImmediate(sendAll) };
  };
  /** Answers 404 for a channel Asterisk does not have, as Asterisk does, else runs `handle`. */
  const onChannel =
    (handle: (channelId: string, app: string, request: RecordedRequest) => Promise<FakeReply>) =>
    (request: RecordedRequest): Promise<FakeReply> | FakeReply => {
      const channelId = segment(request.rawPath, 3);
      const app = appOfChannel(channelId);
      return app === undefined ? channelNotFound : handle(channelId, app, request);
    };
  const application = (name: string) => ({
    json: {
      name,
      channel_ids: [...appOf, ...leftovers].filter(([, app]) => app === name).map(([id]) => id),
      bridge_ids: [],
      endpoint_ids: [],
      device_names: [],
    },
  });
  const forget = (channelId: string) => {
    appOf.delete(channelId);
    leftovers.delete(channelId);
  };

  server.route('GET', /^\/ari\/applications\/[^/]+$/, (request) => application(segment(request.rawPath, 3)));
  server.route('POST', /^\/ari\/applications\/[^/]+\/subscription$/, (request) =>
    application(segment(request.rawPath, 3)),
  );
  server.route(
    'POST',
    /^\/ari\/channels\/[^/]+\/answer$/,
    onChannel((channelId, app) =>
      replyWith(app, [{ type: 'ChannelStateChange', channel: channelJson(channelId, { state: 'Up' }) }], {
        status: 204,
      }),
    ),
  );
  server.route(
    'POST',
    /^\/ari\/channels\/[^/]+\/play\/[^/]+$/,
    onChannel((channelId, app, request) => {
      const playbackId = segment(request.rawPath, 5);
      const media = request.query.get('media') ?? '';
      const playback = (state: string) => ({
        ...playbackJson(playbackId, state),
        media_uri: media,
        target_uri: `channel:${channelId}`,
      });
      // Asterisk reports "failed" only when the last item fails (an earlier one just moves on).
      const failed = failingMedia.has(media.split(',').at(-1) ?? '');
      return replyWith(
        app,
        [
          { type: 'PlaybackStarted', playback: playback('playing') },
          { type: 'PlaybackFinished', playback: playback(failed ? 'failed' : 'done') },
        ],
        { json: playback('playing') },
      );
    }),
  );
  server.route(
    'POST',
    /^\/ari\/channels\/[^/]+\/record$/,
    onChannel((channelId, app, request) => {
      const recording = (state: string) => ({
        name: request.query.get('name') ?? '',
        format: request.query.get('format') ?? 'wav',
        target_uri: `channel:${channelId}`,
        state,
      });
      const name = request.query.get('name') ?? '';
      const written = !unwritable.has(name);
      if (written) storedRecordings.set(name, request.query.get('format') ?? 'wav');
      return replyWith(
        app,
        [
          { type: 'RecordingStarted', recording: recording('recording') },
          { type: 'RecordingFinished', recording: { ...recording('done'), duration: written ? 1 : 0 } },
        ],
        { status: 201, json: recording('queued') },
      );
    }),
  );
  server.route('GET', /^\/ari\/recordings\/stored\/[^/]+$/, (request) => {
    const name = segment(request.rawPath, 4);
    const format = storedRecordings.get(name);
    return format === undefined
      ? { status: 404, json: { message: 'Recording not found' } }
      : { json: { name, format } };
  });
  server.route('DELETE', /^\/ari\/playbacks\/[^/]+$/, () => ({ status: 204 }));
  server.route('PUT', /^\/ari\/deviceStates\/[^/]+$/, () => ({ status: 204 }));
  server.route(
    'DELETE',
    /^\/ari\/channels\/[^/]+$/,
    onChannel((channelId, app, request) => {
      forget(channelId);
      const reason = request.query.get('reason') ?? 'normal';
      const cause = Object.entries(hangupReasonCauses).find(([name]) => name === reason)?.[1] ?? 16;
      // Hung up over ARI: a soft hangup request (its `cause` holds Asterisk's soft-hangup flags).
      const [, ...ended] = hangupEvents(channelId, cause);
      const softHangup = {
        type: 'ChannelHangupRequest',
        cause: 32,
        soft: true,
        channel: channelJson(channelId),
      };
      return replyWith(app, [softHangup, ...ended], { status: 204 });
    }),
  );

  return {
    startCall(app, channelId) {
      appOf.set(channelId, app);
      server.sendEvent(app, { type: 'StasisStart', args: [], channel: channelJson(channelId) });
    },
    hangUp(channelId, cause = 16) {
      const app = appOfChannel(channelId);
      forget(channelId);
      if (app !== undefined) for (const event of hangupEvents(channelId, cause)) server.sendEvent(app, event);
    },
    leaveChannel(app, channelId) {
      leftovers.set(channelId, app);
    },
    failPlaybacksOf(media) {
      failingMedia.add(media);
    },
    storeNothingFor(name) {
      unwritable.add(name);
    },
    get channels() {
      return new Set([...appOf.keys(), ...leftovers.keys()]);
    },
  };
}

/** What Asterisk sends when a channel in Stasis hangs up with a Q.850 cause. */
function hangupEvents(channelId: string, cause: number): Record<string, unknown>[] {
  const channel = channelJson(channelId, { state: 'Up' });
  return [
    { type: 'ChannelHangupRequest', cause, channel },
    { type: 'StasisEnd', channel },
    { type: 'ChannelDestroyed', cause, cause_txt: `cause ${cause}`, channel },
  ];
}
