import { z } from 'zod';
import { templateReferences } from '../../templates/templateReferences.ts';
import { defineNodeKind } from '../NodeKindDefinition.ts';
import { conditionOperators } from './compareValues.ts';
import { conditionPattern } from './conditionPattern.ts';

export const condition = defineNodeKind({
  kind: 'condition',
  title: 'Condition',
  description: 'Branches on a comparison, e.g. {{vars.account}} equals 1234.',
  icon: 'git-branch',
  options: z
    .object({
      left: z
        .string()
        .max(1000)
        .meta({ title: 'Value', description: 'What to test, e.g. {{vars.account}}', widget: 'template' }),
      operator: z.enum(conditionOperators).meta({
        title: 'Comparison',
        description: 'How the value is compared; numbers compare as numbers',
        enumLabels: {
          equals: 'equals',
          notEquals: 'does not equal',
          matches: 'matches regular expression',
          lessThan: 'is less than',
          greaterThan: 'is greater than',
          isEmpty: 'is empty',
          isNotEmpty: 'is not empty',
        },
      }),
      right: z.string().max(1000).default('').meta({
        title: 'Compare with',
        description: 'Text, a number or a regular expression; unused by "is empty"',
        widget: 'template',
      }),
    })
    .strict(),
  starterOptions: { left: '{{menu.digit}}', operator: 'equals', right: '1' },
  ports: () => ['true', 'false'],
  waitsForCaller: false,
  variablesSet: () => [],
  check: (options) => {
    if (options.operator === 'matches') {
      const { problem } = conditionPattern(options.right);
      return problem === null ? [] : [{ path: ['right'], message: problem }];
    }
    if (templateReferences(options.right).length > 0) return [];
    if (
      (options.operator === 'lessThan' || options.operator === 'greaterThan') &&
      !Number.isFinite(Number(options.right))
    ) {
      return [{ path: ['right'], message: `"${options.right}" is not a number` }];
    }
    return [];
  },
});
