import { z } from 'zod';
import { defineNodeKind } from '../NodeKindDefinition.ts';

export const hangup = defineNodeKind({
  kind: 'hangup',
  title: 'Hang up',
  description: 'Ends the call, with a reason the caller’s phone may show.',
  options: z
    .object({
      cause: z
        .enum(['normal', 'busy', 'congestion', 'no_answer', 'unallocated', 'rejected'])
        .default('normal'),
    })
    .strict(),
  ports: () => [],
  waitsForCaller: false,
  variablesSet: () => [],
  run: async (options, { channel }) => {
    await channel.hangup(options.cause);
    return 'ended';
  },
});
