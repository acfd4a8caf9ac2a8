import { z } from 'zod';
import { defineNodeKind } from '../NodeKindDefinition.ts';

export const answer = defineNodeKind({
  kind: 'answer',
  title: 'Answer',
  description: 'Picks up the call so the caller can hear prompts.',
  options: z.object({}).strict(),
  starterOptions: {},
  ports: () => ['next'],
  waitsForCaller: false,
  variablesSet: () => [],
  run: async (_options, { channel }) => {
    await channel.answer();
    return 'next';
  },
});
