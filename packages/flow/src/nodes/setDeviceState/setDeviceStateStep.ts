import { StepFailure } from '../../runtime/StepFailure.ts';
import type { NodeStep } from '../NodeStep.ts';
import { renderOption } from '../renderOption.ts';
import { runStepWithErrorPort } from '../runStepWithErrorPort.ts';
import { valueRules } from '../valueRules.ts';
import { type setDeviceState, stasisPrefix } from './setDeviceState.ts';

/** `queue-{{vars.agent}}` and `Stasis:queue-{{vars.agent}}` both name the device `Stasis:queue-<agent>`. */
function deviceName(rendered: string): string {
  const name = rendered.trim();
  return name.startsWith(stasisPrefix) ? name : `${stasisPrefix}${name}`;
}

export const setDeviceStateStep: NodeStep<typeof setDeviceState> = (options, context) =>
  runStepWithErrorPort(context, async () => {
    const device = deviceName(
      renderOption(context.variables, 'device', options.device, valueRules.deviceName),
    );
    if (device === stasisPrefix || /[\s/:]/.test(device.slice(stasisPrefix.length))) {
      throw new StepFailure(`device "${options.device}" rendered as "${device}", which is not a valid name`);
    }
    await context.channel.setDeviceState(device, options.state);
    return 'next';
  });
