import type { BridgeRequest, CallChannel, DialRequest, RecordRequest } from '../runtime/CallChannel.ts';
import { CallEndedError } from '../runtime/CallEndedError.ts';
import { StepFailure } from '../runtime/StepFailure.ts';
import type { DeviceState } from '../values/deviceState.ts';
import type { DialOutcome } from '../values/dialOutcome.ts';
import type { HangupCause } from '../values/hangupCause.ts';

/** What the caller does, in order: a digit, `null` for a timeout, or `hangup`. */
export type CallerAction = string | null | 'hangup';

/** A scripted caller for unit tests: no time passes, every operation is recorded. */
export class FakeChannel implements CallChannel {
  readonly id = 'fake-channel';
  readonly operations: string[] = [];
  readonly played: string[][] = [];
  /** Whether each prompt in `played` could be interrupted by a digit. */
  readonly interruptible: boolean[] = [];
  /** The language each prompt in `played` was played in. */
  readonly languages: (string | null)[] = [];
  /** Every request as the channel received it, for tests that check what would reach Asterisk. */
  readonly dialed: DialRequest[] = [];
  readonly recorded: RecordRequest[] = [];
  readonly joined: BridgeRequest[] = [];
  readonly deviceStates: { device: string; state: DeviceState }[] = [];
  hungUp = false;
  dialOutcome: DialOutcome = 'answered';
  failing = new Set<string>();
  /** Operations (by name: play, wait, record, bridge, dial...) the caller hangs up in, once started. */
  readonly hangsUpIn = new Set<string>();
  #pressedDuringPrompt: string[] = [];
  #buffered: string[] = [];

  constructor(private readonly callerActions: CallerAction[] = []) {}

  #do(operation: string): void {
    if (this.hungUp) throw new CallEndedError(this.id);
    this.operations.push(operation);
    const name = operation.split(' ')[0] ?? '';
    if (this.hangsUpIn.has(name)) {
      this.hungUp = true;
      throw new CallEndedError(this.id);
    }
    if (this.failing.has(name)) throw new StepFailure(`${name} refused by the fake Asterisk`);
  }

  async answer(): Promise<void> {
    this.#do('answer');
  }

  async play(
    media: readonly string[],
    options: { language: string | null; interruptOnDigit: boolean },
  ): Promise<void> {
    this.#do(`play ${media.join(',')}`);
    this.played.push([...media]);
    this.interruptible.push(options.interruptOnDigit);
    this.languages.push(options.language);
    // Like the ARI channel: digits pressed while a prompt plays are kept whether or not they stop it
    // (Asterisk sends them either way); a step that does not want them clears them.
    this.#buffered.push(...this.#pressedDuringPrompt);
    this.#pressedDuringPrompt = [];
  }

  /** Makes the caller press digits while the next prompt plays. */
  pressDuringNextPrompt(...digits: string[]): void {
    this.#pressedDuringPrompt.push(...digits);
  }

  async nextDigit(timeoutMs: number): Promise<string | null> {
    this.#do(`wait ${timeoutMs}`);
    const buffered = this.#buffered.shift();
    if (buffered !== undefined) return buffered;
    const action = this.callerActions.shift();
    if (action === 'hangup') {
      this.hungUp = true;
      throw new CallEndedError(this.id);
    }
    return action ?? null;
  }

  clearDigits(): void {
    this.#buffered = [];
  }

  async record(request: RecordRequest): Promise<void> {
    this.#do(`record ${request.name}`);
    this.recorded.push(request);
  }

  async joinBridge(request: BridgeRequest): Promise<void> {
    this.#do(`bridge ${request.name}`);
    this.joined.push(request);
  }

  async dial(request: DialRequest): Promise<DialOutcome> {
    this.#do(`dial ${request.endpoint}`);
    this.dialed.push(request);
    return this.dialOutcome;
  }

  async setDeviceState(device: string, state: DeviceState): Promise<void> {
    this.#do(`setDeviceState ${device} ${state}`);
    this.deviceStates.push({ device, state });
  }

  async hangup(cause: HangupCause): Promise<void> {
    this.#do(`hangup ${cause}`);
    this.hungUp = true;
  }
}
