import type { NodeStep } from '../NodeStep.ts';
import { compareValues } from './compareValues.ts';
import type { condition } from './condition.ts';

export const conditionStep: NodeStep<typeof condition> = async (options, context) => {
  // A pattern is never rendered: refused when it holds {{variables}}, also in flows published before.
  const right = options.operator === 'matches' ? options.right : context.variables.render(options.right);
  const result = compareValues(context.variables.render(options.left), options.operator, right);
  if (result.error !== null) context.reportError(result.error);
  return result.value ? 'true' : 'false';
};
