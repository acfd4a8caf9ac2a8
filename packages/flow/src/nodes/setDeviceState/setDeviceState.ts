import { z } from 'zod';
import { deviceState } from '../../values/deviceState.ts';
import { enumLabel } from '../enumLabel.ts';
import { defineNodeKind } from '../NodeKindDefinition.ts';

/** The only devices a flow may set: custom ones, which Asterisk names `Stasis:<name>`. */
export const stasisPrefix = 'Stasis:';

const state = deviceState.meta({
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
});

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
          widget: 'deviceName',
        }),
      state,
    })
    .strict(),
  starterOptions: { device: 'Stasis:status', state: 'INUSE' },
  help: {
    does: 'Changes a custom device state that phones can watch with a busy lamp (BLF) key, e.g. to show that the office is in night mode or a queue is staffed. It does not change anything for the caller.',
    outcomes: {
      next: 'The state was set.',
      error: 'The phone system refused the device name or the state.',
    },
    example:
      'A “night mode” flow dialled from the reception phone: Set device state Stasis:night-mode to In use, so its lamp lights.',
  },
  ports: () => ['next', 'error'],
  summarize: (options) => `${options.device} → ${enumLabel(state, options.state)}`,
  waitsForCaller: false,
  variablesSet: () => [],
});
