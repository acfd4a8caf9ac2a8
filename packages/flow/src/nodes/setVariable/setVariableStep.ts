import type { NodeStep } from '../NodeStep.ts';
import type { setVariable } from './setVariable.ts';

export const setVariableStep: NodeStep<typeof setVariable> = async (options, context) => {
  const { variables } = context;
  // No error port: a value over the limit is cut, and the step's error says so in the call log.
  const problem = variables.setWithinLimits(`vars.${options.name}`, variables.render(options.value));
  if (problem !== null) context.reportError(problem);
  return 'next';
};
