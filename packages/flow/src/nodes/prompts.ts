import { z } from 'zod';
import { languageCode } from './commonOptions.ts';

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

/** A library prompt's id as the API makes them (cuid) or an import carries them. */
export const libraryPromptIdPattern = /^[A-Za-z0-9_-]{1,64}$/;
/** A text-to-speech voice id: the engine's own names (`en-us+f3`, `ru.irina`), never a path or URL. */
export const voicePattern = /^[A-Za-z0-9_.+-]{1,64}$/;
/** The longest text a say prompt holds, as written (its variables may make it longer, up to maxSpokenLength). */
export const maxSpeechTextLength = 1000;

const speechText = z
  .string()
  .max(maxSpeechTextLength)
  .refine((text) => text.trim() !== '', 'write what to say')
  // A lone surrogate is not text an engine can read (nor UTF-8 to send it as).
  .refine(
    (text) => !/[\p{Cc}\p{Cs}]/u.test(text),
    'leave out control characters such as tabs and line breaks',
  );

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
    z
      .object({
        type: z.literal('library'),
        promptId: z.string().max(64).regex(libraryPromptIdPattern, 'choose one of your prompts').meta({
          title: 'My prompt',
          description: 'A prompt from your prompt library',
          widget: 'libraryPrompt',
        }),
      })
      .strict()
      .meta({
        title: 'My prompt',
        description: "A recording from your prompt library, in the caller's language",
      }),
    z
      .object({
        type: z.literal('say'),
        text: speechText.meta({
          title: 'Text',
          description: 'What to say, e.g. Your balance is {{vars.balance}}',
          widget: 'speechText',
        }),
        language: languageCode
          .nullable()
          .default(null)
          .meta({
            title: 'Written in',
            description: 'The language of the text above',
            nullLabel: "The flow's language",
            examples: ['en'],
          }),
        voice: z
          .string()
          .max(64)
          .regex(voicePattern, 'choose a voice from the list')
          .nullable()
          .default(null)
          .meta({
            title: 'Voice',
            description: "Who speaks the text above; translations use their language's default voice",
            nullLabel: "The language's default voice",
            widget: 'voice',
          }),
        translations: z
          .array(
            z
              .object({
                language: languageCode.meta({
                  title: 'Language',
                  description: 'Callers in this language hear this text',
                  examples: ['ru'],
                }),
                text: speechText.meta({
                  title: 'Text',
                  description: 'The same text in this language',
                  widget: 'speechText',
                }),
              })
              .strict()
              .meta({ title: 'Translation' }),
          )
          .max(10)
          .default([])
          .refine((items) => new Set(items.map((item) => item.language)).size === items.length, {
            message: 'each language can have one translation only',
          })
          .meta({
            title: 'Translations',
            description: 'The text in other languages: callers hear the one in their language',
          }),
      })
      .strict()
      .meta({ title: 'Say (text to speech)', description: 'Speaks a text, which may hold {{variables}}' }),
  ])
  .meta({ title: 'Prompt' });
export type Prompt = z.output<typeof prompt>;

export const promptList = z.array(prompt).max(20);
