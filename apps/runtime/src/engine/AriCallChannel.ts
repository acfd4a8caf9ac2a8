import type {
  BridgeRequest,
  CallChannel,
  DeviceState,
  DialOutcome,
  DialRequest,
  HangupCause,
  RecordRequest,
} from '@callflow/flow/runtime';
import type { AriCallChannelDeps } from './channel/AriCallChannelDeps.ts';
import { answerCaller } from './channel/answerCaller.ts';
import { CallerDigits } from './channel/CallerDigits.ts';
import { dialCallee } from './channel/dialCallee.ts';
import { hangUpCaller } from './channel/hangUpCaller.ts';
import { joinNamedBridge } from './channel/joinNamedBridge.ts';
import { playMedia } from './channel/playMedia.ts';
import { recordCaller } from './channel/recordCaller.ts';
import { updateDeviceState } from './channel/updateDeviceState.ts';

export type { AriCallChannelDeps } from './channel/AriCallChannelDeps.ts';

/**
 * The caller's channel as nodes see it, over ARI. Each operation's requests and events are in a file of
 * its own under channel/; this class holds the call's digits and whether the flow hung up.
 */
export class AriCallChannel implements CallChannel {
  readonly id: string;
  readonly #deps: AriCallChannelDeps;
  readonly #digits: CallerDigits;
  #flowHangupCause: HangupCause | undefined;

  constructor(deps: AriCallChannelDeps) {
    this.id = deps.id;
    this.#deps = deps;
    this.#digits = new CallerDigits(deps);
  }

  dispose(): void {
    this.#digits.dispose();
  }

  answer(): Promise<void> {
    return answerCaller(this.#deps);
  }

  play(
    media: readonly string[],
    options: { language: string | null; interruptOnDigit: boolean },
  ): Promise<void> {
    return playMedia(this.#deps, this.#digits, media, options);
  }

  nextDigit(timeoutMs: number): Promise<string | null> {
    return this.#digits.next(timeoutMs);
  }

  clearDigits(): void {
    this.#digits.clear();
  }

  record(request: RecordRequest): Promise<void> {
    return recordCaller(this.#deps, request);
  }

  joinBridge(request: BridgeRequest): Promise<void> {
    return joinNamedBridge(this.#deps, this.#digits, request);
  }

  dial(request: DialRequest): Promise<DialOutcome> {
    return dialCallee(this.#deps, request);
  }

  setDeviceState(device: string, state: DeviceState): Promise<void> {
    return updateDeviceState(this.#deps, device, state);
  }

  async hangup(cause: HangupCause): Promise<void> {
    if (await hangUpCaller(this.#deps, cause)) this.#flowHangupCause = cause;
  }

  /** True once the flow itself has hung the channel up (a Hangup node): the engine need not again. */
  get hungUpByFlow(): boolean {
    return this.#flowHangupCause !== undefined;
  }

  /** The cause the flow hung up with, if it did. */
  get flowHangupCause(): HangupCause | undefined {
    return this.#flowHangupCause;
  }
}
