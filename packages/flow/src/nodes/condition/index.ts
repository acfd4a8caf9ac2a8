import { z } from 'zod';
import { templateReferences } from '../../templates/templateReferences.ts';
import { defineNodeKind } from '../NodeKindDefinition.ts';
import { compareValues, conditionOperators } from './compareValues.ts';

export const condition = defineNodeKind({
  kind: 'condition',
  title: 'Condition',
  description: 'Branches on a comparison, e.g. {{vars.account}} equals 1234.',
  options: z
    .object({
      left: z.string().max(1000),
      operator: z.enum(conditionOperators),
      right: z.string().max(1000).default(''),
    })
    .strict(),
  ports: () => ['true', 'false'],
  waitsForCaller: false,
  variablesSet: () => [],
  check: (options) => {
    if (templateReferences(options.right).length > 0) return [];
    if (options.operator === 'matches') {
      try {
        new RegExp(options.right);
      } catch {
        return [{ path: ['right'], message: `"${options.right}" is not a valid regular expression` }];
      }
    }
    if (
      (options.operator === 'lessThan' || options.operator === 'greaterThan') &&
      !Number.isFinite(Number(options.right))
    ) {
      return [{ path: ['right'], message: `"${options.right}" is not a number` }];
    }
    return [];
  },
  run: async (options, context) => {
    const result = compareValues(
      context.variables.render(options.left),
      options.operator,
      context.variables.render(options.right),
    );
    if (result.error !== null) context.reportError(result.error);
    return result.value ? 'true' : 'false';
  },
});
