import { z } from 'zod';
import { BridgeSchema, ChannelSchema, LiveRecordingSchema, PlaybackSchema } from './ariModels.ts';

/*
 * The ARI events the runtime acts on, with the fields it reads. Every call brings a dozen events, so
 * the others (PlaybackStarted, ChannelStateChange, ChannelVarset, ...) are left as unknown events
 * after reading their type, and fields nobody reads are neither checked nor copied.
 */

function event<const T extends string, S extends z.ZodRawShape>(type: T, shape: S) {
  return z.object({ type: z.literal(type), ...shape });
}

export const StasisStartEventSchema = event('StasisStart', {
  args: z.array(z.string()),
  channel: ChannelSchema,
});
export const StasisEndEventSchema = event('StasisEnd', { channel: ChannelSchema });
export const ChannelDestroyedEventSchema = event('ChannelDestroyed', {
  /** Q.850 cause: 16 normal, 17 busy, 19 no answer, 34 congestion, 3/20 unavailable. */
  cause: z.number(),
  cause_txt: z.string(),
  channel: ChannelSchema,
});
export const ChannelHangupRequestEventSchema = event('ChannelHangupRequest', {
  cause: z.number().optional(),
  soft: z.boolean().optional(),
  channel: ChannelSchema,
});
export const ChannelDtmfReceivedEventSchema = event('ChannelDtmfReceived', {
  digit: z.string(),
  channel: ChannelSchema,
});
export const ChannelLeftBridgeEventSchema = event('ChannelLeftBridge', {
  bridge: BridgeSchema,
  channel: ChannelSchema,
});
export const PlaybackFinishedEventSchema = event('PlaybackFinished', { playback: PlaybackSchema });
export const RecordingFinishedEventSchema = event('RecordingFinished', { recording: LiveRecordingSchema });
export const RecordingFailedEventSchema = event('RecordingFailed', { recording: LiveRecordingSchema });
export const DialEventSchema = event('Dial', {
  peer: ChannelSchema,
  /** Empty while the dial starts; then RINGING, PROGRESS, ANSWER, BUSY, NOANSWER, CANCEL, ... */
  dialstatus: z.string(),
});
/** Another socket registered this app name (make-before-break): this socket no longer gets its events. */
export const ApplicationReplacedEventSchema = event('ApplicationReplaced', {});

export const AriEventSchema = z.discriminatedUnion('type', [
  StasisStartEventSchema,
  StasisEndEventSchema,
  ChannelDestroyedEventSchema,
  ChannelHangupRequestEventSchema,
  ChannelDtmfReceivedEventSchema,
  ChannelLeftBridgeEventSchema,
  PlaybackFinishedEventSchema,
  RecordingFinishedEventSchema,
  RecordingFailedEventSchema,
  DialEventSchema,
  ApplicationReplacedEventSchema,
]);

/** A known event, narrowed by `switch (event.type)`. */
export type AriEvent = z.infer<typeof AriEventSchema>;
export type AriEventType = AriEvent['type'];
export type AriEventOf<T extends AriEventType> = Extract<AriEvent, { type: T }>;

/**
 * An event type this module has no schema for. Kept apart from AriEvent because a `type: string`
 * member would stop `switch (event.type)` from narrowing the known ones.
 */
export interface UnknownAriEvent {
  type: string;
  [field: string]: unknown;
}

/** Half of a call's events are of types nobody acts on: those pass on as they came, not copied. */
function hasStringType(data: object): data is UnknownAriEvent {
  return 'type' in data && typeof data.type === 'string';
}

export type AriEventParseResult =
  | { ok: true; known: true; event: AriEvent }
  | { ok: true; known: false; event: UnknownAriEvent }
  /** `type` is set when the message had one: a known event whose fields did not validate. */
  | { ok: false; type: string | undefined; error: string };

const KNOWN_TYPES: ReadonlySet<string> = new Set(
  AriEventSchema.options.map((option) => option.shape.type.value),
);

/** Never throws: a bad message comes back as `ok: false` with a readable reason. */
export function parseAriEvent(data: unknown): AriEventParseResult {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { ok: false, type: undefined, error: 'event is not a JSON object' };
  }
  if (!hasStringType(data)) {
    return { ok: false, type: undefined, error: 'event has no string "type"' };
  }
  const { type } = data;
  if (!KNOWN_TYPES.has(type)) return { ok: true, known: false, event: data };
  const parsed = AriEventSchema.safeParse(data);
  if (!parsed.success) {
    const error = parsed.error.issues
      .slice(0, 5)
      .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
      .join('; ');
    return { ok: false, type, error };
  }
  return { ok: true, known: true, event: parsed.data };
}

/** Parses one WebSocket text frame; JSON errors are reported like schema errors. */
export function parseAriEventMessage(text: string): AriEventParseResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return {
      ok: false,
      type: undefined,
      error: `invalid JSON: ${err instanceof Error ? err.message : String(err)}`,
    };
  }
  return parseAriEvent(data);
}
