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
        .default('normal')
        .meta({
          title: 'Cause',
          description: 'The reason sent to the caller’s phone',
          enumLabels: {
            normal: 'Normal',
            busy: 'Busy',
            congestion: 'Congestion',
            no_answer: 'No answer',
            unallocated: 'Unallocated number',
            rejected: 'Rejected',
          },
        }),
    })
    .strict(),
  starterOptions: {},
  ports: () => [],
  waitsForCaller: false,
  variablesSet: () => [],
  run: async (options, { channel }) => {
    await channel.hangup(options.cause);
    return 'ended';
  },
});
