import { z } from 'zod';
import { recordingFormat, recordingStopKey } from '../../values/recordingFormat.ts';
import { variableName } from '../commonOptions.ts';
import { defineNodeKind } from '../NodeKindDefinition.ts';
import { recordingNameMessage, templatedRecordingNamePattern } from '../prompts.ts';

export const record = defineNodeKind({
  kind: 'record',
  title: 'Record',
  description: 'Records the caller (e.g. a voicemail) and stores the recording name in a variable.',
  icon: 'mic',
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
      format: recordingFormat.default('wav').meta({
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
      terminateOn: recordingStopKey.default('#').meta({
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
  help: {
    does: 'Records what the caller says, e.g. a voicemail, into a file on the phone system, and keeps the file name in a variable so a later Play can play it back. The recording ends on the stop key, after silence or at the maximum length.',
    outcomes: {
      next: 'Once the recording ends (stop key, silence or maximum length).',
      error: 'The recording could not start, e.g. the file name could not be made from its variables.',
    },
    example:
      'After hours: Play “Please leave a message after the beep”, then Record into voicemail/{{call.id}}, then Hang up.',
  },
  ports: () => ['next', 'error'],
  summarize: (options) => options.nameTemplate,
  waitsForCaller: true,
  variablesSet: (options) => [`vars.${options.variable}`],
});
