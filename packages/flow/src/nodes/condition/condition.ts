import { z } from 'zod';
import { templateReferences } from '../../templates/templateReferences.ts';
import { enumLabel } from '../enumLabel.ts';
import { defineNodeKind } from '../NodeKindDefinition.ts';
import { conditionOperators } from './compareValues.ts';
import { conditionPattern } from './conditionPattern.ts';

const operator = z.enum(conditionOperators).meta({
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
});

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
      operator,
      right: z.string().max(1000).default('').meta({
        title: 'Compare with',
        description: 'Text, a number or a regular expression; unused by "is empty"',
        widget: 'template',
      }),
    })
    .strict(),
  starterOptions: { left: '{{menu.digit}}', operator: 'equals', right: '1' },
  help: {
    does: 'Compares a value, usually a variable such as {{vars.account}} or {{caller.number}}, with another value and sends the call one way or the other.',
    outcomes: {
      true: 'The comparison holds, e.g. the value equals 1234.',
      false: 'The comparison does not hold.',
    },
    example:
      'VIP callers: {{caller.number}} equals 5551234 → Yes → Dial the manager directly; No → the main menu.',
  },
  ports: () => ['true', 'false'],
  summarize: (options) =>
    [options.left, enumLabel(operator, options.operator), options.right]
      .filter((part) => part !== '')
      .join(' '),
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
