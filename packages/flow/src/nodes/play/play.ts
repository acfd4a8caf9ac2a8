import { z } from 'zod';
import { language } from '../commonOptions.ts';
import { defineNodeKind } from '../NodeKindDefinition.ts';
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
  ports: () => ['next', 'error'],
  waitsForCaller: true,
  variablesSet: () => [],
});
