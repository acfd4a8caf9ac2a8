import { z } from 'zod';

/** One item a caller hears. Text fields are templates. */
export const prompt = z.discriminatedUnion('type', [
  z.object({ type: z.literal('sound'), name: z.string().min(1, 'choose a sound').max(200) }).strict(),
  z.object({ type: z.literal('recording'), name: z.string().min(1, 'name the recording').max(200) }).strict(),
  z.object({ type: z.literal('digits'), value: z.string().min(1).max(200) }).strict(),
  z.object({ type: z.literal('number'), value: z.string().min(1).max(200) }).strict(),
  z.object({ type: z.literal('characters'), value: z.string().min(1).max(200) }).strict(),
  z.object({ type: z.literal('tone'), value: z.string().min(1).max(200) }).strict(),
]);
export type Prompt = z.output<typeof prompt>;

export const promptList = z.array(prompt).max(20);

/** ARI media URIs for prompts; prompts that render empty (e.g. an unset variable) are skipped. */
export function promptMedia(prompts: readonly Prompt[], render: (template: string) => string): string[] {
  return prompts.flatMap((item) => {
    const text = render(item.type === 'sound' || item.type === 'recording' ? item.name : item.value).trim();
    if (text === '') return [];
    // Media URIs are comma-separated in the ARI request: a comma in a value would split it.
    return [`${item.type}:${text.replaceAll(',', '')}`];
  });
}
