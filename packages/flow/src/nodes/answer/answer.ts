import { z } from 'zod';
import { defineNodeKind } from '../NodeKindDefinition.ts';

export const answer = defineNodeKind({
  kind: 'answer',
  title: 'Answer',
  description: 'Picks up the call so the caller can hear prompts.',
  icon: 'phone',
  options: z.object({}).strict(),
  starterOptions: {},
  ports: () => ['next'],
  waitsForCaller: false,
  variablesSet: () => [],
});
