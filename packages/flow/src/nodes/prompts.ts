import { z } from 'zod';

/**
 * Sound names as Asterisk's sounds are laid out: `hello-world`, `digits/1`. No `:` (so no
 * `http://…`, which Asterisk would fetch through its media cache), no `.` (so no `..`), no leading `/`.
 */
export const soundNamePattern = /^[A-Za-z0-9_-]+(?:\/[A-Za-z0-9_-]+)*$/;
/** Recording names: folders and names as a Record node makes them (`vm/1712.34`), dots only inside. */
export const recordingNamePattern =
  /^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*(?:\/[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*)*$/;
/** An indication name (`ring`, `busy`) or an Asterisk tone string (`!350+440/100|!0/100`). */
const tonePart = '!?M?[0-9]+(?:[+*]M?[0-9]+)?(?:/[0-9]+)?';
export const tonePattern = new RegExp(`^(?:[A-Za-z][A-Za-z0-9_]*|${tonePart}(?:\\|${tonePart})*)$`);

/**
 * The same shapes for the text an author writes, where a template such as `{{vars.agent}}` may stand
 * in for letters (its variable name is validation's concern). Each part starts with a different
 * character, so matching is linear. Regular expressions, not refinements, so the flow's JSON Schema
 * carries them too.
 */
const nameUnit = '(?:[A-Za-z0-9_-]|\\{\\{[^{}]*\\}\\})';
const recordingSegment = `${nameUnit}+(?:\\.${nameUnit}+)*`;
export const templatedSoundNamePattern = new RegExp(`^${nameUnit}+(?:/${nameUnit}+)*$`);
export const templatedRecordingNamePattern = new RegExp(`^${recordingSegment}(?:/${recordingSegment})*$`);

export const recordingNameMessage =
  'use a recording name like voicemail/{{call.id}}: letters, digits, _ - and ., with / between folders (no .., no leading /)';

const noCommaOrControl = (text: string) => !/[,\p{Cc}]/u.test(text);
const noCommaMessage = 'a comma or a control character would split the prompt; leave it out';

/** One item a caller hears. Text fields are templates. */
export const prompt = z
  .discriminatedUnion('type', [
    z
      .object({
        type: z.literal('sound'),
        name: z
          .string()
          .min(1, 'choose a sound')
          .max(200)
          .regex(
            templatedSoundNamePattern,
            'use a sound name like hello-world or digits/1: letters, digits, _ and -, with / between folders (no http:, no .., no leading /)',
          )
          .meta({ title: 'Sound', description: 'A sound Asterisk has, e.g. hello-world', widget: 'sound' }),
      })
      .strict()
      .meta({ title: 'Sound', description: 'A sound file installed on Asterisk' }),
    z
      .object({
        type: z.literal('recording'),
        name: z
          .string()
          .min(1, 'name the recording')
          .max(200)
          .regex(templatedRecordingNamePattern, recordingNameMessage)
          .meta({
            title: 'Recording',
            description: 'A file made by a Record node, e.g. {{vars.recording}}',
            widget: 'template',
          }),
      })
      .strict()
      .meta({ title: 'Recording', description: 'A recording made earlier, e.g. a voicemail' }),
    z
      .object({
        type: z.literal('digits'),
        value: z.string().min(1).max(200).refine(noCommaOrControl, noCommaMessage).meta({
          title: 'Digits',
          description: 'Said one by one, e.g. {{vars.account}}',
          widget: 'template',
        }),
      })
      .strict()
      .meta({ title: 'Digits', description: 'Says each digit: 1 2 3' }),
    z
      .object({
        type: z.literal('number'),
        value: z
          .string()
          .min(1)
          .max(200)
          .refine(noCommaOrControl, noCommaMessage)
          .meta({ title: 'Number', description: 'Said as a whole number, e.g. 42', widget: 'template' }),
      })
      .strict()
      .meta({ title: 'Number', description: 'Says a number: one hundred twenty-three' }),
    z
      .object({
        type: z.literal('characters'),
        value: z.string().min(1).max(200).refine(noCommaOrControl, noCommaMessage).meta({
          title: 'Characters',
          description: 'Spelled letter by letter, e.g. {{vars.code}}',
          widget: 'template',
        }),
      })
      .strict()
      .meta({ title: 'Characters', description: 'Spells text: A B C' }),
    z
      .object({
        type: z.literal('tone'),
        value: z
          .string()
          .min(1)
          .max(200)
          .regex(
            tonePattern,
            'use a tone name such as ring or busy, or a tone string such as 440+480/2000|0/4000',
          )
          .meta({ title: 'Tone', description: 'An indication such as ring or busy', examples: ['ring'] }),
      })
      .strict()
      .meta({ title: 'Tone', description: 'Plays a tone such as ringing' }),
  ])
  .meta({ title: 'Prompt' });
export type Prompt = z.output<typeof prompt>;

export const promptList = z.array(prompt).max(20);
