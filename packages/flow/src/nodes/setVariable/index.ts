import { z } from 'zod';
import { variableName } from '../commonOptions.ts';
import { defineNodeKind } from '../NodeKindDefinition.ts';

export const setVariable = defineNodeKind({
  kind: 'setVariable',
  title: 'Set variable',
  description: 'Stores a value (text with {{variables}}) under a name for later nodes.',
  options: z
    .object({
      name: variableName.meta({ title: 'Variable name', description: 'Stored as vars.<name>' }),
      value: z
        .string()
        .max(1000)
        .meta({ title: 'Value', description: 'Text, which may use {{variables}}', widget: 'template' }),
    })
    .strict(),
  starterOptions: { name: 'choice', value: '' },
  ports: () => ['next'],
  waitsForCaller: false,
  variablesSet: (options) => [`vars.${options.name}`],
  run: async (options, context) => {
    const { variables } = context;
    // No error port: a value over the limit is cut, and the step's error says so in the call log.
    const problem = variables.setWithinLimits(`vars.${options.name}`, variables.render(options.value));
    if (problem !== null) context.reportError(problem);
    return 'next';
  },
});
