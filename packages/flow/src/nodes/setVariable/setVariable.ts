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
  help: {
    does: 'Keeps a value under a name so later nodes can use it as {{vars.name}}, e.g. to remember a choice or build a text from other variables.',
    outcomes: { next: 'Always, once the value is stored.' },
    example: 'After a Menu choice: Set variable team to sales, then Dial PJSIP/{{vars.team}}-queue.',
  },
  ports: () => ['next'],
  summarize: (options) => `${options.name} = ${options.value}`,
  waitsForCaller: false,
  variablesSet: (options) => [`vars.${options.name}`],
});
