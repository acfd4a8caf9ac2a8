import type { DeviceState } from '../values/deviceState.ts';
import type { DialOutcome } from '../values/dialOutcome.ts';
import type { HangupCause } from '../values/hangupCause.ts';
import type { RecordingFormat, RecordingStopKey } from '../values/recordingFormat.ts';

export interface RecordRequest {
  readonly name: string;
  readonly format: RecordingFormat;
  readonly maxDurationSeconds: number;
  readonly maxSilenceSeconds: number;
  readonly beep: boolean;
  readonly terminateOn: RecordingStopKey;
}

export interface BridgeRequest {
  readonly name: string;
  /** Music on hold class played while the caller is alone in the bridge; null for silence. */
  readonly musicOnHoldClass: string | null;
  readonly leaveOnDigit: string | null;
  readonly timeLimitSeconds: number | null;
}

export interface DialRequest {
  readonly endpoint: string;
  readonly timeoutSeconds: number;
  readonly callerId: string | null;
  readonly ringback: boolean;
}

/**
 * What a node may do to the caller's channel. The runtime implements it over ARI; unit tests use a fake.
 * Every method rejects with CallEndedError once the caller has hung up, and with StepFailure for
 * expected failures (Asterisk refused the request) that a node turns into its error port.
 */
export interface CallChannel {
  readonly id: string;
  answer(): Promise<void>;
  /** Plays media URIs in order. With interruptOnDigit, a digit stops playback and stays buffered. */
  play(
    media: readonly string[],
    options: { language: string | null; interruptOnDigit: boolean },
  ): Promise<void>;
  /** The next digit the caller pressed (buffered ones first), or null after timeoutMs of silence. */
  nextDigit(timeoutMs: number): Promise<string | null>;
  clearDigits(): void;
  record(request: RecordRequest): Promise<void>;
  /** Resolves when the caller has left the bridge while still connected. */
  joinBridge(request: BridgeRequest): Promise<void>;
  /** Resolves after an answered callee hangs up, or when the dial attempt fails. */
  dial(request: DialRequest): Promise<DialOutcome>;
  setDeviceState(device: string, state: DeviceState): Promise<void>;
  hangup(cause: HangupCause): Promise<void>;
}
