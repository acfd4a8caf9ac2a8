import { z } from 'zod';

/**
 * How the editor's inspector shows a field when the control its type implies would be wrong:
 * `sound` a picker of the sounds Asterisk has, `template` one line of text with {{variables}},
 * `multiline` a body of text with {{variables}}, `timeZone` a name from the IANA list, `date` a day,
 * `libraryPrompt` a picker of the company's own prompts (by name), `speechText` text to speak with
 * {{variables}} (with a preview), `voice` a picker of the text-to-speech voices of the language,
 * `endpoint` a picker of the phones Asterisk has (PJSIP/1001), `deviceName` a picker of its device states;
 * both still take any text, {{variables}} included.
 */
export type FieldWidget =
  | 'sound'
  | 'template'
  | 'multiline'
  | 'timeZone'
  | 'date'
  | 'libraryPrompt'
  | 'speechText'
  | 'voice'
  | 'endpoint'
  | 'deviceName';

// Option metadata is typed here so a misspelt key or widget fails to compile. `title` and `description`
// are JSON Schema's own; `examples` (also JSON Schema) serve as placeholders. All of them are carried
// into the JSON Schema, which is what the inspector reads.
declare module 'zod' {
  interface GlobalMeta {
    widget?: FieldWidget;
    /** Readable names of an enum's values, e.g. `{ no_answer: 'No answer' }`; unnamed ones show as is. */
    enumLabels?: Record<string, string>;
    /** What null means for a nullable field, e.g. "No limit"; the inspector's off switch says it. */
    nullLabel?: string;
  }
}

export const variableName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'use letters, digits and _ only, not starting with a digit')
  .max(64);

export const dtmfDigit = z.enum(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '#']);

/** A language as Asterisk names its sound folders: `en`, `ru`, `fr_FR`. */
export const languageCodePattern = /^[a-z]{2,3}(_[A-Za-z]{2,4})?$/;

export const languageCode = z
  .string()
  .regex(languageCodePattern, 'use a language code like en or fr_FR')
  .max(8);

/** A node's own language for its prompts; null: the caller's (`call.language`). */
export const language = languageCode
  .nullable()
  .default(null)
  .meta({
    title: 'Language',
    description: 'Which language the prompts play in, e.g. en or fr_FR',
    nullLabel: "Caller's language",
    examples: ['en'],
  });

/** How long a node that listens for digits waits for the first one. */
export const firstDigitTimeoutSeconds = z
  .number()
  .min(1)
  .max(60)
  .default(5)
  .meta({ title: 'Timeout (seconds)', description: 'How long to wait for the first digit' });
