import { z } from 'zod';
import { dtmfDigit } from '../commonOptions.ts';
import { defineNodeKind } from '../NodeKindDefinition.ts';

export const bridge = defineNodeKind({
  kind: 'bridge',
  title: 'Conference bridge',
  description: 'Puts the caller into a named room with everyone else sent there.',
  icon: 'users',
  options: z
    .object({
      name: z.string().min(1, 'name the bridge').max(80).meta({
        title: 'Bridge name',
        description: 'Callers sent to the same name talk together, e.g. sales-{{vars.team}}',
        widget: 'template',
      }),
      musicOnHoldClass: z
        .string()
        // A class name from musiconhold.conf, sent as a query value to ARI: nothing that could add one.
        .regex(/^[A-Za-z0-9_-]+$/, 'use letters, digits, _ and - only, e.g. default')
        .max(80)
        .nullable()
        .default('default')
        .meta({
          title: 'Music on hold',
          description: 'The music class the caller hears while alone in the bridge',
          nullLabel: 'Silence',
          examples: ['default'],
        }),
      leaveOnDigit: dtmfDigit.nullable().default(null).meta({
        title: 'Leave on key',
        description: 'A key the caller presses to leave the bridge and go on',
        nullLabel: 'No key',
      }),
      timeLimitSeconds: z
        .number()
        .int()
        .min(1)
        .max(86_400)
        .nullable()
        .default(null)
        .meta({
          title: 'Time limit (seconds)',
          description: 'The caller leaves the bridge after this long',
          nullLabel: 'No limit',
          examples: [3600],
        }),
    })
    .strict(),
  starterOptions: { name: 'conference' },
  help: {
    does: 'Puts the caller into a conference room: every caller sent to a room of the same name talks with the others. Alone in the room, the caller hears music on hold.',
    outcomes: {
      next: 'The caller left the room with the leave key or when the time limit ran out.',
      error: 'The caller could not join the room, e.g. its name came out empty from its variables.',
    },
    example: 'A weekly team call: extension 7100 → Answer → Conference bridge “team-meeting”.',
  },
  ports: () => ['next', 'error'],
  summarize: (options) => options.name,
  waitsForCaller: true,
  variablesSet: () => [],
});
