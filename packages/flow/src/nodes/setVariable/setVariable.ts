import { z } from 'zod';
import { variableName } from '../commonOptions.ts';
import { defineNodeKind } from '../NodeKindDefinition.ts';

export const setVariable = defineNodeKind({
  kind: 'setVariable',
  title: 'Set variable',
  description: 'Stores a value (text with {{variables}}) under a name for later nodes.',
  icon: 'variable',
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
});
