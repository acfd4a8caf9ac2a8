import type { AriErrorKind } from './AriError.ts';

// The parameters and options of AriClient's requests.

export interface AriClientOptions {
  /** Asterisk HTTP server, with or without the trailing `/ari`: `http://127.0.0.1:8088`. */
  url: string;
  username: string;
  password: string;
  fetch?: typeof globalThis.fetch;
  /** Per-request timeout; default 10 000 ms. */
  timeoutMs?: number;
  /** Told about every request when it ends (for metrics). */
  observer?: AriRequestObserver;
}

export interface AriRequestObserver {
  /**
   * One request ended: `result` is `ok` or the AriError kind, `seconds` runs until the response was
   * read (or the request failed). Called synchronously: keep it cheap and never throw.
   */
  requestEnded(method: string, result: 'ok' | AriErrorKind, seconds: number): void;
}

export interface AriRequestOptions {
  /** Cancels the request; the error then has kind `aborted`. */
  signal?: AbortSignal;
  timeoutMs?: number;
}

export type AriQueryValue = string | number | boolean | undefined;
export type AriQuery = Record<string, AriQueryValue>;

export interface AriRawRequest {
  query?: AriQuery;
  /** Sent as JSON. */
  body?: unknown;
}

export type HangupReason =
  | 'normal'
  | 'busy'
  | 'congestion'
  | 'no_answer'
  | 'timeout'
  | 'rejected'
  | 'unallocated'
  | 'normal_unspecified'
  | 'number_incomplete'
  | 'codec_mismatch'
  | 'interworking'
  | 'failure'
  | 'answered_elsewhere';

export interface HangupParams {
  reason?: HangupReason;
  /** Q.850 cause code; Asterisk rejects it together with `reason`. */
  reasonCode?: number;
}

/**
 * A play request's answer (the Playback) is not read: its id is ours, and how it went comes as
 * PlaybackStarted/PlaybackFinished events. It used to be parsed and checked for every prompt of
 * every call (three per call in the load benchmark's flow) and then dropped.
 */
export interface PlayParams {
  /** Chosen by us, so a waiter for PlaybackFinished can be registered before the request. */
  playbackId: string;
  /** `sound:`, `recording:`, `digits:`, `number:`, `characters:`, `tone:` URIs, played in order. */
  media: string | readonly string[];
  lang?: string;
  offsetms?: number;
  skipms?: number;
}

export interface RecordParams {
  /** May contain `/` for sub folders below the recording spool directory. */
  name: string;
  format: string;
  maxDurationSeconds?: number;
  maxSilenceSeconds?: number;
  ifExists?: 'fail' | 'overwrite' | 'append';
  beep?: boolean;
  terminateOn?: 'none' | 'any' | '*' | '#';
}

export interface CreateChannelParams {
  endpoint: string;
  app: string;
  appArgs?: string | readonly string[];
  channelId?: string;
  otherChannelId?: string;
  /** Id of the channel on whose behalf this one is created (codecs, linked ids). */
  originator?: string;
  formats?: string;
  /** `/channels/create` has no callerId parameter, so this is sent as CALLERID() variables. */
  callerId?: { name?: string; number?: string };
  variables?: Record<string, string>;
}

export interface DialParams {
  /** Channel id of the caller: its caller id is presented to the callee. */
  caller?: string;
  /** Seconds before giving up; ends as a hangup with cause 19 (no answer). */
  timeout?: number;
}

export interface ContinueParams {
  context?: string;
  extension?: string;
  priority?: number;
  label?: string;
}

export type BridgeType = 'mixing' | 'holding' | 'dtmf_events' | 'proxy_media' | 'video_sfu' | 'video_single';

export interface CreateBridgeParams {
  bridgeId: string;
  type?: BridgeType | readonly BridgeType[];
  name?: string;
}

export interface AddChannelParams {
  role?: string;
  absorbDTMF?: boolean;
  mute?: boolean;
  inhibitConnectedLineUpdates?: boolean;
}

export type DeviceStateValue =
  | 'NOT_INUSE'
  | 'INUSE'
  | 'BUSY'
  | 'INVALID'
  | 'UNAVAILABLE'
  | 'RINGING'
  | 'RINGINUSE'
  | 'ONHOLD';

export interface StoredRecordingFile {
  bytes: Uint8Array;
  contentType: string;
}
