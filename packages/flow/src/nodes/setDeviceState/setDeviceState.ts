import { z } from 'zod';
import { deviceState } from '../../values/deviceState.ts';
import { defineNodeKind } from '../NodeKindDefinition.ts';

/** The only devices a flow may set: custom ones, which Asterisk names `Stasis:<name>`. */
export const stasisPrefix = 'Stasis:';

export const setDeviceState = defineNodeKind({
  kind: 'setDeviceState',
  title: 'Set device state',
  description: 'Sets a custom device state (Stasis:<name>) that phones can watch as a BLF lamp.',
  icon: 'lightbulb',
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
});
