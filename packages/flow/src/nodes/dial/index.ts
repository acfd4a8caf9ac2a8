import { z } from 'zod';
import { StepFailure } from '../../runtime/StepFailure.ts';
import { defineNodeKind } from '../NodeKindDefinition.ts';
import { runStepWithErrorPort } from '../runStepWithErrorPort.ts';

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
        .regex(/^[A-Za-z]+\/\S+$/, 'use Technology/resource, e.g. PJSIP/1001 or PJSIP/{{vars.agent}}'),
      timeoutSeconds: z.number().int().min(1).max(600).default(30),
      callerId: z.string().max(120).nullable().default(null),
      /** Play a ringing tone to the caller while the callee rings. */
      ringback: z.boolean().default(true),
    })
    .strict(),
  ports: () => ['answered', 'busy', 'noanswer', 'unavailable', 'failed'],
  waitsForCaller: true,
  variablesSet: () => ['dial.status'],
  run: (options, context) =>
    runStepWithErrorPort(
      context,
      async () => {
        const endpoint = context.variables.render(options.endpoint).trim();
        if (!/^[A-Za-z]+\/\S+$/.test(endpoint)) {
          throw new StepFailure(
            `endpoint "${options.endpoint}" rendered as "${endpoint}", which cannot be dialed`,
          );
        }
        const callerId = options.callerId === null ? null : context.variables.render(options.callerId);
        const outcome = await context.channel.dial({
          endpoint,
          timeoutSeconds: options.timeoutSeconds,
          callerId,
          ringback: options.ringback,
        });
        context.variables.set('dial.status', outcome);
        return outcome;
      },
      'failed',
    ),
});
