import { z } from 'zod';
import { defineNodeKind } from '../NodeKindDefinition.ts';

/** Variables every call has from its first step. */
export const callVariables = ['caller.number', 'caller.name', 'call.extension', 'call.channelId', 'call.id'];

export const start = defineNodeKind({
  kind: 'start',
  title: 'Start',
  description: 'Where every call enters. Sets caller.number, caller.name, call.extension, call.channelId.',
  icon: 'phone-incoming',
  options: z.object({}).strict(),
  starterOptions: {},
  ports: () => ['next'],
  waitsForCaller: false,
  variablesSet: () => callVariables,
});
