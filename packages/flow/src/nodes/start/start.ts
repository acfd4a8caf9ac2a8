import { z } from 'zod';
import { languageCode } from '../commonOptions.ts';
import { defineNodeKind } from '../NodeKindDefinition.ts';

/**
 * The language the call's prompts play in: the session starts the call in the flow's language (the
 * Start node's), a Set language node changes it.
 */
export const callLanguageVariable = 'call.language';

/** Variables every call has from its first step (the session sets them before Start runs). */
export const callVariables = [
  'caller.number',
  'caller.name',
  'call.extension',
  'call.channelId',
  'call.id',
  callLanguageVariable,
];

export const start = defineNodeKind({
  kind: 'start',
  title: 'Start',
  description:
    'Where every call enters. Sets caller.number, caller.name, call.extension, call.channelId and call.language.',
  icon: 'phone-incoming',
  options: z
    .object({
      language: languageCode.default('en').meta({
        title: "Caller's language",
        description: 'The language prompts play in until a Set language node changes it',
        examples: ['en'],
      }),
    })
    .strict(),
  starterOptions: {},
  ports: () => ['next'],
  waitsForCaller: false,
  variablesSet: () => callVariables,
});
