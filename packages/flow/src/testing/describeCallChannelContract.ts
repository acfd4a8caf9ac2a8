import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallChannel, DialRequest } from '../runtime/CallChannel.ts';
import { CallEndedError } from '../runtime/CallEndedError.ts';
import { StepFailure } from '../runtime/StepFailure.ts';
import type { DeviceState } from '../values/deviceState.ts';
import { type DialOutcome, dialOutcome } from '../values/dialOutcome.ts';
import { type HangupCause, hangupCause } from '../values/hangupCause.ts';

/** Operations that hold the caller until something happens: the caller may hang up during them. */
export type WaitingOperation = 'play' | 'nextDigit' | 'record' | 'joinBridge' | 'dial';

/** Operations that send Asterisk a request it may refuse. */
export type RefusableOperation = 'answer' | 'play' | 'record' | 'joinBridge' | 'dial' | 'setDeviceState';

/**
 * A CallChannel under test with the caller and the Asterisk on its other end. Each method arranges what
 * happens during the NEXT such operation; the implementation decides how (scripted, or fake ARI events).
 */
export interface CallChannelUnderTest {
  readonly channel: CallChannel;
  /** The caller presses these digits while the next prompt plays. */
  pressDuringNextPrompt(...digits: string[]): void;
  /** The caller presses `digit` while the channel waits for the next digit. */
  pressWhileWaiting(digit: string): void;
  /** The caller hangs up once the next `operation` is under way. */
  hangUpDuring(operation: WaitingOperation): void;
  /** Asterisk refuses the next `operation`'s request. */
  refuse(operation: RefusableOperation): void;
  /** How the next callee the channel dials ends. */
  calleeEnds(outcome: DialOutcome): void;
  /** The device states set so far, in order. */
  deviceStates(): readonly { device: string; state: DeviceState }[];
  /** The cause the channel was hung up with by the flow, or null while it was not. */
  hungUpWith(): HangupCause | null;
  close(): Promise<void>;
}

const dialRequest: DialRequest = {
  endpoint: 'PJSIP/agent',
  timeoutSeconds: 5,
  callerId: null,
  ringback: true,
};
const prompt = ['sound:hello-world'];
const noInterrupt = { language: null, interruptOnDigit: false };
const bargeIn = { language: null, interruptOnDigit: true };

const waitingOperations: Record<WaitingOperation, (channel: CallChannel) => Promise<unknown>> = {
  play: (channel) => channel.play(prompt, noInterrupt),
  nextDigit: (channel) => channel.nextDigit(5000),
  record: (channel) =>
    channel.record({
      name: 'contract/take',
      format: 'wav',
      maxDurationSeconds: 60,
      maxSilenceSeconds: 0,
      beep: false,
      terminateOn: 'none',
    }),
  joinBridge: (channel) =>
    channel.joinBridge({
      name: 'contract',
      musicOnHoldClass: null,
      leaveOnDigit: null,
      timeLimitSeconds: null,
    }),
  dial: (channel) => channel.dial(dialRequest),
};

const refusableOperations: Record<RefusableOperation, (channel: CallChannel) => Promise<unknown>> = {
  answer: (channel) => channel.answer(),
  play: waitingOperations.play,
  record: waitingOperations.record,
  joinBridge: waitingOperations.joinBridge,
  dial: waitingOperations.dial,
  setDeviceState: (channel) => channel.setDeviceState('Stasis:contract', 'INUSE'),
};

/**
 * What every CallChannel does, whatever carries the call: run against the fake channel that node
 * tests use and against the ARI channel on a fake Asterisk, so a node tested on the fake behaves the
 * same on a real call. `open` gives each test a fresh channel whose caller is connected.
 */
export function describeCallChannelContract(name: string, open: () => Promise<CallChannelUnderTest>): void {
  describe(`CallChannel contract: ${name}`, () => {
    let t: CallChannelUnderTest;
    beforeEach(async () => {
      t = await open();
    });
    afterEach(async () => {
      await t.close();
    });

    it('answers, then plays a prompt to its end', async () => {
      await t.channel.answer();
      await expect(t.channel.play(prompt, noInterrupt)).resolves.toBeUndefined();
    });

    it('keeps the digits pressed during a prompt the caller may interrupt, in order, for nextDigit', async () => {
      t.pressDuringNextPrompt('1', '2');
      await t.channel.play(prompt, bargeIn);
      expect(await t.channel.nextDigit(1000)).toBe('1');
      expect(await t.channel.nextDigit(1000)).toBe('2');
    });

    it('keeps the digits pressed during a prompt that cannot be interrupted too', async () => {
      t.pressDuringNextPrompt('3');
      await t.channel.play(prompt, noInterrupt);
      expect(await t.channel.nextDigit(1000)).toBe('3');
    });

    it('forgets buffered digits on clearDigits', async () => {
      t.pressDuringNextPrompt('4');
      await t.channel.play(prompt, noInterrupt);
      t.channel.clearDigits();
      expect(await t.channel.nextDigit(30)).toBeNull();
    });

    it('returns the digit the caller presses while it waits', async () => {
      t.pressWhileWaiting('7');
      expect(await t.channel.nextDigit(5000)).toBe('7');
    });

    it('returns null when no digit comes within the timeout', async () => {
      expect(await t.channel.nextDigit(30)).toBeNull();
    });

    it.each(Object.keys(waitingOperations) as WaitingOperation[])(
      'rejects %s with CallEndedError when the caller hangs up during it, and every operation after it',
      async (operation) => {
        t.hangUpDuring(operation);
        await expect(waitingOperations[operation](t.channel)).rejects.toBeInstanceOf(CallEndedError);
        await expect(t.channel.answer()).rejects.toBeInstanceOf(CallEndedError);
        await expect(t.channel.play(prompt, noInterrupt)).rejects.toBeInstanceOf(CallEndedError);
      },
    );

    it.each(Object.keys(refusableOperations) as RefusableOperation[])(
      'turns %s refused by Asterisk into a StepFailure, and the call goes on',
      async (operation) => {
        t.refuse(operation);
        await expect(refusableOperations[operation](t.channel)).rejects.toBeInstanceOf(StepFailure);
        const next = operation === 'setDeviceState' ? 'answer' : 'setDeviceState';
        await expect(refusableOperations[next](t.channel)).resolves.toBeUndefined();
      },
    );

    it.each(dialOutcome.options)('dials and reports %s as the callee ends so', async (outcome) => {
      t.calleeEnds(outcome);
      expect(await t.channel.dial(dialRequest)).toBe(outcome);
      // The caller is still there for the flow's next node.
      await expect(t.channel.answer()).resolves.toBeUndefined();
    });

    it('records the caller until the recording ends', async () => {
      await expect(waitingOperations.record(t.channel)).resolves.toBeUndefined();
    });

    it('lets the caller out of a bridge when its time limit is up', async () => {
      await t.channel.joinBridge({
        name: 'contract',
        musicOnHoldClass: 'default',
        leaveOnDigit: null,
        timeLimitSeconds: 1,
      });
      await expect(t.channel.answer()).resolves.toBeUndefined();
    });

    it('sets device states in order', async () => {
      await t.channel.setDeviceState('Stasis:agent-1', 'INUSE');
      await t.channel.setDeviceState('Stasis:agent-1', 'NOT_INUSE');
      expect(t.deviceStates()).toEqual([
        { device: 'Stasis:agent-1', state: 'INUSE' },
        { device: 'Stasis:agent-1', state: 'NOT_INUSE' },
      ]);
    });

    it.each(hangupCause.options)(
      'hangs up with cause %s, after which every operation ends the call',
      async (cause) => {
        expect(t.hungUpWith()).toBeNull();
        await t.channel.hangup(cause);
        expect(t.hungUpWith()).toBe(cause);
        await expect(t.channel.nextDigit(1000)).rejects.toBeInstanceOf(CallEndedError);
        await expect(t.channel.answer()).rejects.toBeInstanceOf(CallEndedError);
      },
    );
  });
}
