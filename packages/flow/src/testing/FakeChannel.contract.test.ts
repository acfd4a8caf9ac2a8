import { hangupCause } from '../values/hangupCause.ts';
import { type CallChannelUnderTest, describeCallChannelContract } from './describeCallChannelContract.ts';
import { type CallerAction, FakeChannel } from './FakeChannel.ts';

/** The FakeChannel's names for the operations it records. */
const operationNames = {
  play: 'play',
  nextDigit: 'wait',
  record: 'record',
  joinBridge: 'bridge',
  dial: 'dial',
  answer: 'answer',
  setDeviceState: 'setDeviceState',
} as const;

describeCallChannelContract('FakeChannel', async (): Promise<CallChannelUnderTest> => {
  // The fake reads the caller's actions from this list as it waits for digits.
  const callerActions: CallerAction[] = [];
  const channel = new FakeChannel(callerActions);
  return {
    channel,
    pressDuringNextPrompt: (...digits) => channel.pressDuringNextPrompt(...digits),
    pressWhileWaiting: (digit) => callerActions.push(digit),
    hangUpDuring: (operation) => channel.hangsUpIn.add(operationNames[operation]),
    refuse: (operation) => channel.failing.add(operationNames[operation]),
    calleeEnds: (outcome) => {
      channel.dialOutcome = outcome;
    },
    deviceStates: () => channel.deviceStates,
    hungUpWith: () => {
      const hangup = channel.operations.find((operation) => operation.startsWith('hangup '));
      return hangup === undefined ? null : hangupCause.parse(hangup.slice('hangup '.length));
    },
    close: async () => {},
  };
});
