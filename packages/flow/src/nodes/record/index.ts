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
      nameTemplate: z.string().min(1).max(200).default('callflow/{{call.id}}').meta({
        title: 'File name',
        description: 'Where the recording is saved, e.g. voicemail/{{call.id}}',
        widget: 'template',
      }),
      format: z
        .enum(['wav', 'gsm', 'ulaw'])
        .default('wav')
        .meta({
          title: 'Format',
          description: 'The audio format of the file',
          enumLabels: { wav: 'WAV', gsm: 'GSM', ulaw: 'µ-law' },
        }),
      maxDurationSeconds: z
        .number()
        .int()
        .min(1)
        .max(3600)
        .default(60)
        .meta({ title: 'Maximum length (seconds)', description: 'The recording stops after this long' }),
      maxSilenceSeconds: z.number().int().min(0).max(60).default(5).meta({
        title: 'Stop after silence (seconds)',
        description: 'The recording stops after this much silence; 0 never stops on silence',
      }),
      beep: z
        .boolean()
        .default(true)
        .meta({ title: 'Beep first', description: 'A beep tells the caller when to start speaking' }),
      terminateOn: z
        .enum(['none', 'any', '*', '#'])
        .default('#')
        .meta({
          title: 'Stop key',
          description: 'A key the caller presses to finish the recording',
          enumLabels: { none: 'None', any: 'Any key', '*': '* (star)', '#': '# (hash)' },
        }),
      variable: variableName.default('recording').meta({
        title: 'Store name in variable',
        description: 'The file name is stored as vars.<name>',
      }),
    })
    .strict(),
  starterOptions: {},
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
