import type { NodeStep } from '../NodeStep.ts';
import type { answer } from './answer.ts';

export const answerStep: NodeStep<typeof answer> = async (_options, { channel }) => {
  await channel.answer();
  return 'next';
};
