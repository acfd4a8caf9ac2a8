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
          widget: 'template',
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
  ports: () => dialOutcome.options,
  waitsForCaller: true,
  variablesSet: () => ['dial.status'],
});
