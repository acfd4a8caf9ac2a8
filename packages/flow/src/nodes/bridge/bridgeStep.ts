import { StepFailure } from '../../runtime/StepFailure.ts';
import type { NodeStep } from '../NodeStep.ts';
import { renderOption } from '../renderOption.ts';
import { runStepWithErrorPort } from '../runStepWithErrorPort.ts';
import { valueRules } from '../valueRules.ts';
import type { bridge } from './bridge.ts';

export const bridgeStep: NodeStep<typeof bridge> = (options, context) =>
  runStepWithErrorPort(context, async () => {
    const name = renderOption(context.variables, 'name', options.name, valueRules.bridgeName).trim();
    if (name === '') throw new StepFailure(`bridge name "${options.name}" rendered empty`);
    await context.channel.joinBridge({
      name,
      musicOnHoldClass: options.musicOnHoldClass,
      leaveOnDigit: options.leaveOnDigit,
      timeLimitSeconds: options.timeLimitSeconds,
    });
    return 'next';
  });
