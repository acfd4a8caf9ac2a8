import { z } from 'zod';
import { StepFailure } from '../../runtime/StepFailure.ts';
import { defineNodeKind } from '../NodeKindDefinition.ts';
import { renderOption } from '../renderOption.ts';
import { runStepWithErrorPort } from '../runStepWithErrorPort.ts';
import { valueRules } from '../valueRules.ts';
import { deviceState } from './deviceStates.ts';

const stasisPrefix = 'Stasis:';

/** `queue-{{vars.agent}}` and `Stasis:queue-{{vars.agent}}` both name the device `Stasis:queue-<agent>`. */
function deviceName(rendered: string): string {
  const name = rendered.trim();
  return name.startsWith(stasisPrefix) ? name : `${stasisPrefix}${name}`;
}

export const setDeviceState = defineNodeKind({
  kind: 'setDeviceState',
  title: 'Set device state',
  description: 'Sets a custom device state (Stasis:<name>) that phones can watch as a BLF lamp.',
  options: z
    .object({
      device: z
        .string()
        .min(1, 'name the device')
        .max(120)
        .refine((value) => !/^[A-Za-z]+[:/]/.test(value) || value.startsWith(stasisPrefix), {
          message: 'a flow can only set Stasis: devices, e.g. Stasis:support-queue',
        })
        .regex(
          /^(?:Stasis:)?(?:[^\s:/{}]|\{\{[^{}]*\}\})+$/,
          'use Stasis: and a name without spaces, : or /, e.g. Stasis:support-queue or queue-{{vars.agent}}',
        )
        .meta({
          title: 'Device',
          description: 'A custom device, e.g. Stasis:support-queue or queue-{{vars.agent}}',
          widget: 'template',
        }),
      state: deviceState.meta({
        title: 'State',
        description: 'What phones watching the device show',
        enumLabels: {
          NOT_INUSE: 'Not in use',
          INUSE: 'In use',
          BUSY: 'Busy',
          INVALID: 'Invalid',
          UNAVAILABLE: 'Unavailable',
          RINGING: 'Ringing',
          RINGINUSE: 'Ringing and in use',
          ONHOLD: 'On hold',
        },
      }),
    })
    .strict(),
  starterOptions: { device: 'Stasis:status', state: 'INUSE' },
  ports: () => ['next', 'error'],
  waitsForCaller: false,
  variablesSet: () => [],
  run: (options, context) =>
    runStepWithErrorPort(context, async () => {
      const device = deviceName(
        renderOption(context.variables, 'device', options.device, valueRules.deviceName),
      );
      if (device === stasisPrefix || /[\s/:]/.test(device.slice(stasisPrefix.length))) {
        throw new StepFailure(
          `device "${options.device}" rendered as "${device}", which is not a valid name`,
        );
      }
      await context.channel.setDeviceState(device, options.state);
      return 'next';
    }),
});
