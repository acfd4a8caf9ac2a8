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
  help: {
    does: 'Every call to this flow begins here. It knows who is calling and which extension they dialled, and sets the language prompts play in, so later nodes can use {{caller.number}}, {{caller.name}} and {{call.extension}}.',
    outcomes: {
      next: 'Always: the call goes on to the first step of your flow.',
      error:
        'When a step ends in its “Failed” outcome and that outcome is not connected, the call goes here instead, e.g. to a “Sorry, something went wrong” message. Only “Failed” comes here: other outcomes left unconnected, such as a Dial’s “Could not call” or a lookup’s “No answer in time”, end the call where they are. If On error is not connected either, the call hangs up.',
    },
    example:
      'Start → Answer → Menu “Press 1 for sales, press 2 for support”; On error → Play “Sorry, something went wrong” → Hang up.',
  },
  ports: () => ['next', 'error'],
  // Start never fails: its error port is where every failure with nowhere else to go leads.
  portLabel: (_options, port) => (port === 'error' ? 'On error' : undefined),
  waitsForCaller: false,
  variablesSet: () => callVariables,
});
