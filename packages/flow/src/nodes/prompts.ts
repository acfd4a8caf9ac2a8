import { z } from 'zod';

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
          .meta({ title: 'Sound', description: 'A sound Asterisk has, e.g. hello-world', widget: 'sound' }),
      })
      .strict()
      .meta({ title: 'Sound', description: 'A sound file installed on Asterisk' }),
    z
      .object({
        type: z.literal('recording'),
        name: z.string().min(1, 'name the recording').max(200).meta({
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
        value: z.string().min(1).max(200).meta({
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
          .meta({ title: 'Number', description: 'Said as a whole number, e.g. 42', widget: 'template' }),
      })
      .strict()
      .meta({ title: 'Number', description: 'Says a number: one hundred twenty-three' }),
    z
      .object({
        type: z.literal('characters'),
        value: z.string().min(1).max(200).meta({
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
          .meta({ title: 'Tone', description: 'An indication such as ring or busy', examples: ['ring'] }),
      })
      .strict()
      .meta({ title: 'Tone', description: 'Plays a tone such as ringing' }),
  ])
  .meta({ title: 'Prompt' });
export type Prompt = z.output<typeof prompt>;

export const promptList = z.array(prompt).max(20);

/** ARI media URIs for prompts; prompts that render empty (e.g. an unset variable) are skipped. */
export function promptMedia(prompts: readonly Prompt[], render: (template: string) => string): string[] {
  const media: string[] = [];
  for (const item of prompts) {
    const text = render(item.type === 'sound' || item.type === 'recording' ? item.name : item.value).trim();
    // Media URIs are comma-separated in the ARI request: a comma in a value would split it.
    if (text !== '') media.push(`${item.type}:${text.includes(',') ? text.replaceAll(',', '') : text}`);
  }
  return media;
}
