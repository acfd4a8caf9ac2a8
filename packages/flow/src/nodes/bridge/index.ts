import { z } from 'zod';
import { StepFailure } from '../../runtime/StepFailure.ts';
import { dtmfDigit } from '../commonOptions.ts';
import { defineNodeKind } from '../NodeKindDefinition.ts';
import { runStepWithErrorPort } from '../runStepWithErrorPort.ts';

export const bridge = defineNodeKind({
  kind: 'bridge',
  title: 'Conference bridge',
  description: 'Puts the caller into a named room with everyone else sent there.',
  options: z
    .object({
      name: z.string().min(1, 'name the bridge').max(80),
      /** Music on hold class while the caller is alone; null for silence. */
      musicOnHoldClass: z.string().max(80).nullable().default('default'),
      leaveOnDigit: dtmfDigit.nullable().default(null),
      timeLimitSeconds: z.number().int().min(1).max(86_400).nullable().default(null),
    })
    .strict(),
  ports: () => ['next', 'error'],
  waitsForCaller: true,
  variablesSet: () => [],
  run: (options, context) =>
    runStepWithErrorPort(context, async () => {
      const name = context.variables.render(options.name).trim();
      if (name === '') throw new StepFailure(`bridge name "${options.name}" rendered empty`);
      await context.channel.joinBridge({
        name,
        musicOnHoldClass: options.musicOnHoldClass,
        leaveOnDigit: options.leaveOnDigit,
        timeLimitSeconds: options.timeLimitSeconds,
      });
      return 'next';
    }),
});
