import { z } from 'zod';
import { defineNodeKind } from '../NodeKindDefinition.ts';

export const answer = defineNodeKind({
  kind: 'answer',
  title: 'Answer',
  description: 'Picks up the call so the caller can hear prompts.',
  icon: 'phone',
  options: z.object({}).strict(),
  starterOptions: {},
  help: {
    does: 'Picks up the call, as a person lifting the handset would. Put it before the first node that plays something, records or waits for a key, so the caller hears it.',
    outcomes: { next: 'Always, once the call is picked up.' },
    example: 'Start → Answer → Menu “Press 1 for sales, press 2 for support”.',
  },
  ports: () => ['next'],
  waitsForCaller: false,
  variablesSet: () => [],
});
