import { z } from 'zod';
import { StepFailure } from '../../runtime/StepFailure.ts';
import { variableName } from '../commonOptions.ts';
import { defineNodeKind } from '../NodeKindDefinition.ts';
import { recordingNameMessage, recordingNamePattern, templatedRecordingNamePattern } from '../prompts.ts';
import { renderOption } from '../renderOption.ts';
import { runStepWithErrorPort } from '../runStepWithErrorPort.ts';
import { valueRules } from '../valueRules.ts';

export const record = defineNodeKind({
  kind: 'record',
  title: 'Record',
  description: 'Records the caller (e.g. a voicemail) and stores the recording name in a variable.',
  options: z
    .object({
      nameTemplate: z
        .string()
        .min(1)
        .max(200)
        .regex(templatedRecordingNamePattern, recordingNameMessage)
        .default('callflow/{{call.id}}')
        .meta({
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
      const name = renderOption(
        context.variables,
        'nameTemplate',
        options.nameTemplate,
        valueRules.recordingName,
      );
      if (name === '') throw new StepFailure(`nameTemplate: "${options.nameTemplate}" rendered empty`);
      // Values may hold `/` and `.` (a name kept in a variable), but never `..` or a leading `/`.
      if (!recordingNamePattern.test(name))
        throw new StepFailure(
          `nameTemplate: "${options.nameTemplate}" rendered as ${JSON.stringify(name.slice(0, 40))}, which is not a recording name`,
        );
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
