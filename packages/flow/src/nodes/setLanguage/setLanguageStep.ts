import type { NodeStep } from '../NodeStep.ts';
import { callLanguageVariable } from '../start/start.ts';
import type { setLanguage } from './setLanguage.ts';

export const setLanguageStep: NodeStep<typeof setLanguage> = async (options, context) => {
  // A call already holding every variable it can keeps its language; the step says why.
  const problem = context.variables.setWithinLimits(callLanguageVariable, options.language);
  if (problem !== null) context.reportError(problem);
  return 'next';
};
