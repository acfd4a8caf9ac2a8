import { z } from 'zod';
import { StepFailure } from '../../runtime/StepFailure.ts';
import { variableName } from '../commonOptions.ts';
import { defineNodeKind } from '../NodeKindDefinition.ts';
import { runStepWithErrorPort } from '../runStepWithErrorPort.ts';

export const record = defineNodeKind({
  kind: 'record',
  title: 'Record',
  description: 'Records the caller (e.g. a voicemail) and stores the recording name in a variable.',
  options: z
    .object({
      nameTemplate: z.string().min(1).max(200).default('callflow/{{call.id}}'),
      format: z.enum(['wav', 'gsm', 'ulaw']).default('wav'),
      maxDurationSeconds: z.number().int().min(1).max(3600).default(60),
      maxSilenceSeconds: z.number().int().min(0).max(60).default(5),
      beep: z.boolean().default(true),
      terminateOn: z.enum(['none', 'any', '*', '#']).default('#'),
      variable: variableName.default('recording'),
    })
    .strict(),
  ports: () => ['next', 'error'],
  waitsForCaller: true,
  variablesSet: (options) => [`vars.${options.variable}`],
  run: (options, context) =>
    runStepWithErrorPort(context, async () => {
      const name = context.variables
        .render(options.nameTemplate)
        .replace(/[^A-Za-z0-9_\-/.]/g, '_')
        .replace(/\.\.+/g, '_')
        .replace(/^\/+/, '');
      if (name === '')
        throw new StepFailure(`recording name template "${options.nameTemplate}" rendered empty`);
      // Set before recording: a caller who hangs up mid-recording still leaves a file worth finding.
      context.variables.set(`vars.${options.variable}`, name);
      await context.channel.record({
        name,
        format: options.format,
        maxDurationSeconds: options.maxDurationSeconds,
        maxSilenceSeconds: options.maxSilenceSeconds,
        beep: options.beep,
        terminateOn: options.terminateOn,
      });
      return 'next';
    }),
});
