import { z } from 'zod';
import { language } from '../commonOptions.ts';
import { defineNodeKind } from '../NodeKindDefinition.ts';
import { promptSummary } from '../promptSummary.ts';
import { promptList } from '../prompts.ts';

export const play = defineNodeKind({
  kind: 'play',
  title: 'Play',
  description: 'Plays sounds, recordings, numbers or tones to the caller.',
  icon: 'volume-2',
  options: z
    .object({
      prompts: promptList
        .min(1, 'add at least one prompt')
        .meta({ title: 'Prompts', description: 'Played one after the other' }),
      language,
    })
    .strict(),
  starterOptions: { prompts: [{ type: 'sound', name: 'hello-world' }] },
  help: {
    does: 'Plays one or more prompts to the caller, one after the other: a sentence read by text to speech, one of your own recordings, a sound installed on the phone system, a number, digits or a tone. Keys the caller presses while it plays are ignored.',
    outcomes: {
      next: 'Once every prompt has played.',
      error:
        'A prompt could not be played, e.g. a sound that does not exist or speech that could not be made.',
    },
    example:
      'A greeting after Answer: “Welcome to Acme. Calls may be recorded for training.”, then on to the main menu.',
  },
  ports: () => ['next', 'error'],
  summarize: (options) => promptSummary(options.prompts),
  waitsForCaller: true,
  variablesSet: () => [],
});
