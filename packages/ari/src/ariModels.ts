import { z } from 'zod';

/*
 * ARI resource models, reduced to the fields the runtime reads. Other fields (and those newer
 * Asterisk versions add) are dropped, not rejected, and only fields Asterisk documents as always
 * present are required.
 */

/**
 * Caller id is whatever the caller's SIP phone or trunk sent (a display name can be tens of KB,
 * with line breaks): it reaches variables, the call log, HTTP lookups and log lines. Cut to these
 * lengths, with control characters replaced by U+FFFD, when it is parsed.
 */
export const MAX_CALLER_NAME_LENGTH = 256;
export const MAX_CALLER_NUMBER_LENGTH = 80;

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is replaced
const controlCharacters = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/** Most caller ids need nothing: one test, no copy. */
function boundedText(max: number) {
  return z.string().overwrite((text) => {
    controlCharacters.lastIndex = 0;
    if (text.length <= max && !controlCharacters.test(text)) return text;
    // Not through the middle of a surrogate pair (an emoji at the cut).
    const cut = /[\ud800-\udbff]/.test(text.charAt(max - 1)) ? max - 1 : max;
    return text.slice(0, cut).replace(controlCharacters, '\uFFFD');
  });
}

export const CallerIdSchema = z.object({
  name: boundedText(MAX_CALLER_NAME_LENGTH),
  number: boundedText(MAX_CALLER_NUMBER_LENGTH),
});

/*
 * Channels come with every channel event (a dozen a call), so only what the runtime reads is checked
 * and kept: the dialplan location, creation time, language, channel variables etc. are left behind.
 */
export const ChannelSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** Down, Rsrved, OffHook, Dialing, Ring, Ringing, Up, Busy, Dialing Offhook, Pre-ring, Unknown */
  state: z.string(),
  caller: CallerIdSchema,
});
export type Channel = z.infer<typeof ChannelSchema>;

export const BridgeSchema = z.object({
  id: z.string(),
  technology: z.string().optional(),
  bridge_type: z.string().optional(),
  bridge_class: z.string().optional(),
  creator: z.string().optional(),
  name: z.string().optional(),
  channels: z.array(z.string()),
  creationtime: z.string().optional(),
});
export type Bridge = z.infer<typeof BridgeSchema>;

export const PlaybackSchema = z.object({
  id: z.string(),
  media_uri: z.string(),
  /** e.g. `channel:<id>` or `bridge:<id>` */
  target_uri: z.string(),
  /** queued, playing, continuing, done, failed */
  state: z.string(),
});
export type Playback = z.infer<typeof PlaybackSchema>;

export const LiveRecordingSchema = z.object({
  name: z.string(),
  format: z.string(),
  target_uri: z.string(),
  /** queued, recording, paused, done, failed, canceled */
  state: z.string(),
  duration: z.number().optional(),
  talking_duration: z.number().optional(),
  silence_duration: z.number().optional(),
  cause: z.string().optional(),
});
export type LiveRecording = z.infer<typeof LiveRecordingSchema>;

export const StoredRecordingSchema = z.object({ name: z.string(), format: z.string() });
export type StoredRecording = z.infer<typeof StoredRecordingSchema>;

export const DeviceStateSchema = z.object({ name: z.string(), state: z.string() });
export type DeviceState = z.infer<typeof DeviceStateSchema>;

export const ApplicationSchema = z.object({
  name: z.string(),
  channel_ids: z.array(z.string()),
  bridge_ids: z.array(z.string()),
  endpoint_ids: z.array(z.string()).optional(),
  device_names: z.array(z.string()).optional(),
});
export type Application = z.infer<typeof ApplicationSchema>;

export const AsteriskInfoSchema = z.object({
  build: z.object({ os: z.string().optional(), date: z.string().optional() }).optional(),
  system: z.object({ version: z.string(), entity_id: z.string().optional() }).optional(),
  status: z
    .object({ startup_time: z.string().optional(), last_reload_time: z.string().optional() })

    .optional(),
  config: z.object({ name: z.string().optional() }).optional(),
});
export type AsteriskInfo = z.infer<typeof AsteriskInfoSchema>;

export const AsteriskPingSchema = z.object({
  asterisk_id: z.string(),
  ping: z.string(),
  timestamp: z.string(),
});
export type AsteriskPing = z.infer<typeof AsteriskPingSchema>;

export const VariableSchema = z.object({ value: z.string() });
