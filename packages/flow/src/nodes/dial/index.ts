import { z } from 'zod';
import { StepFailure } from '../../runtime/StepFailure.ts';
import { defineNodeKind } from '../NodeKindDefinition.ts';
import { renderOption } from '../renderOption.ts';
import { runStepWithErrorPort } from '../runStepWithErrorPort.ts';
import { valueRules } from '../valueRules.ts';

const endpointPattern = /^[A-Za-z]+\/\S+$/;
const maxCallerIdLength = 120;

export const dial = defineNodeKind({
  kind: 'dial',
  title: 'Dial',
  description: 'Calls a phone or number and connects the caller when it answers.',
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
  ports: () => ['answered', 'busy', 'noanswer', 'unavailable', 'failed'],
  waitsForCaller: true,
  variablesSet: () => ['dial.status'],
  run: (options, context) =>
    runStepWithErrorPort(
      context,
      async () => {
        // A value may only add to the resource the author wrote: `1001/sip:…@carrier` cannot reroute.
        const endpoint = renderOption(
          context.variables,
          'endpoint',
          options.endpoint,
          valueRules.dialEndpoint,
        ).trim();
        if (!endpointPattern.test(endpoint)) {
          throw new StepFailure(
            `endpoint "${options.endpoint}" rendered as "${endpoint}", which cannot be dialed`,
          );
        }
        const callerId =
          options.callerId === null
            ? null
            : renderOption(context.variables, 'callerId', options.callerId, valueRules.callerId);
        if (callerId !== null && callerId.length > maxCallerIdLength)
          throw new StepFailure(
            `callerId: "${options.callerId}" rendered longer than ${maxCallerIdLength} characters`,
          );
        const outcome = await context.channel.dial({
          endpoint,
          timeoutSeconds: options.timeoutSeconds,
          callerId,
          ringback: options.ringback,
        });
        // The dial happened: a full call does not turn its outcome into 'failed', the step says it.
        const problem = context.variables.setWithinLimits('dial.status', outcome);
        if (problem !== null) context.reportError(problem);
        return outcome;
      },
      'failed',
    ),
});
