import type { NodeStep } from '../NodeStep.ts';
import type { hangup } from './hangup.ts';

export const hangupStep: NodeStep<typeof hangup> = async (options, { channel }) => {
  await channel.hangup(options.cause);
  return 'ended';
};
