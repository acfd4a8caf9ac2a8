import type { NodeStep } from '../NodeStep.ts';
import { isOpenAt } from './isOpenAt.ts';
import type { timeOfDay } from './timeOfDay.ts';

export const timeOfDayStep: NodeStep<typeof timeOfDay> = async (options, context) =>
  isOpenAt(options, context.now()) ? 'open' : 'closed';
