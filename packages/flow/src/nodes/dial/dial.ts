import { z } from 'zod';
import { dialOutcome } from '../../values/dialOutcome.ts';
import { defineNodeKind } from '../NodeKindDefinition.ts';
import { valueRules } from '../valueRules.ts';

/** What can be dialed: Technology/resource, as the author writes it and as it must render. */
export const endpointPattern = /^[A-Za-z]+\/\S+$/;
export const maxCallerIdLength = 120;

export const dial = defineNodeKind({
  kind: 'dial',
  title: 'Dial',
  description: 'Calls a phone or number and connects the caller when it answers.',
  icon: 'phone-outgoing',
  options: z
    .object({
      endpoint: z
        .string()
        .min(1, 'enter what to dial, e.g. PJSIP/1001')
        .max(200)
        .regex(endpointPattern, 'use Technology/resource, e.g. PJSIP/1001 or PJSIP/{{vars.agent}}')
        .meta({
          title: 'Endpoint',
          description: 'Technology/resource to call, e.g. PJSIP/1001 or PJSIP/{{vars.agent}}',
          widget: 'endpoint',
          examples: ['PJSIP/1001'],
        }),
      timeoutSeconds: z
        .number()
        .int()
        .min(1)
        .max(600)
        .default(30)
        .meta({ title: 'Ring timeout (seconds)', description: 'How long to ring before giving up' }),
      callerId: z
        .string()
        .max(maxCallerIdLength)
        .refine((text) => valueRules.callerId.forbidden.exec(text) === null, {
          message: 'a caller ID cannot hold < > " \\ or control characters',
        })
        .nullable()
        .default(null)
        .meta({
          title: 'Caller ID',
          description: 'The number the called phone shows',
          widget: 'template',
          nullLabel: 'Default',
          examples: ['{{caller.number}}'],
        }),
      ringback: z.boolean().default(true).meta({
        title: 'Ringback tone',
        description: 'The caller hears ringing while the called phone rings',
      }),
    })
    .strict(),
  starterOptions: { endpoint: 'PJSIP/100' },
  // One port per way a dial attempt ends.
  help: {
    does: 'Rings a phone or number and, when someone answers, connects the caller to them. The caller hears ringing meanwhile. How the attempt ended is kept in {{dial.status}}.',
    outcomes: {
      answered: 'Someone answered and the conversation has ended (the called phone hung up first).',
      busy: 'The called phone is busy.',
      noanswer: 'Nobody answered before the ring timeout.',
      unavailable: 'The phone is not reachable, e.g. not registered or switched off.',
      failed: 'The call could not be made at all, e.g. the endpoint does not exist.',
    },
    example:
      'Sales: Dial PJSIP/1001 for 20 seconds; on No answer or Busy, Play “All our sales people are busy” and Record a voicemail.',
  },
  ports: () => dialOutcome.options,
  summarize: (options) => options.endpoint,
  waitsForCaller: true,
  variablesSet: () => ['dial.status'],
});
