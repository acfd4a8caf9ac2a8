import { z } from 'zod';
import { hangupCause } from '../../values/hangupCause.ts';
import { defineNodeKind } from '../NodeKindDefinition.ts';

export const hangup = defineNodeKind({
  kind: 'hangup',
  title: 'Hang up',
  description: 'Ends the call, with a reason the caller’s phone may show.',
  icon: 'phone-off',
  options: z
    .object({
      cause: hangupCause.default('normal').meta({
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
});
