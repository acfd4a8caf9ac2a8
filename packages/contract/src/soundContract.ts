import { z } from 'zod';

/** A prompt the connected Asterisk can play, for the editor's prompt picker. */
export const soundSchema = z.object({
  /** What a play node names after `sound:`, e.g. `hello-world` or `digits/1`. */
  name: z.string(),
  /** What the prompt says, from Asterisk's sound index; null when it has no description. */
  text: z.string().nullable(),
  /** Languages Asterisk has it in (any format), e.g. `["en", "fr"]`, sorted. */
  languages: z.array(z.string()),
});
export type Sound = z.output<typeof soundSchema>;

/** GET /sounds: by name. */
export const soundListResponseSchema = z.object({ sounds: z.array(soundSchema) });
export type SoundListResponse = z.output<typeof soundListResponseSchema>;
