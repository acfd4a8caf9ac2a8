import { z } from 'zod';
import { hangupCause } from '../../values/hangupCause.ts';
import { enumLabel } from '../enumLabel.ts';
import { defineNodeKind } from '../NodeKindDefinition.ts';

const cause = hangupCause.default('normal').meta({
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
});

export const hangup = defineNodeKind({
  kind: 'hangup',
  title: 'Hang up',
  description: 'Ends the call, with a reason the caller’s phone may show.',
  icon: 'phone-off',
  options: z
    .object({
      cause,
    })
    .strict(),
  starterOptions: {},
  help: {
    does: 'Ends the call. The cause is the reason the caller’s phone or carrier may show; Normal suits nearly every flow.',
    outcomes: {},
    example: 'After “Thank you for calling, goodbye”: Hang up.',
  },
  ports: () => [],
  summarize: (options) => (options.cause === 'normal' ? '' : enumLabel(cause, options.cause)),
  waitsForCaller: false,
  variablesSet: () => [],
});
