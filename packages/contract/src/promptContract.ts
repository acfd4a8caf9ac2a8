import { languageCode, libraryPromptIdPattern, voicePattern } from '@callflow/flow';
import { z } from 'zod';
import { errorSchema } from './errorContract.ts';

const isoDate = z.string().describe('ISO 8601 date and time');
const noControlCharacters = (text: string) => !/\p{Cc}/u.test(text);

/**
 * The largest audio file the API takes (413 beyond it; the conversion package's own limit, checked by
 * an API test): the editor refuses a bigger file before sending it.
 */
export const maxPromptUploadBytes = 20 * 1024 * 1024;

/** The longest sentence a library prompt or a speech preview speaks (the speech engines' limit). */
export const maxPromptSpeechLength = 2000;

/** A library prompt's id, as flows name it in `{ type: 'library', promptId }`. */
export const promptIdSchema = z
  .string()
  .regex(libraryPromptIdPattern, 'a prompt id has 1 to 64 letters, digits, _ or -');

export const promptNameSchema = z
  .string()
  .trim()
  .min(1, 'give the prompt a name')
  .max(80, 'a prompt name has at most 80 characters')
  .refine(noControlCharacters, 'leave out control characters such as tabs and line breaks');

export const promptDescriptionSchema = z
  .string()
  .max(500, 'a description has at most 500 characters')
  // Line breaks are fine in a description; other control characters are not.
  .refine((text) => !/[^\P{Cc}\n]/u.test(text), 'leave out control characters other than line breaks');

/** A flow language code: `en`, `ru`, `fr_FR`. */
export const promptLanguageSchema = languageCode;

export const voiceIdSchema = z
  .string()
  .regex(voicePattern, 'a voice id has 1 to 64 letters, digits, _ . + or -');

/** How a prompt's audio in one language was made. */
export const promptAudioSource = z.enum(['upload', 'recording', 'speech']);
export type PromptAudioSource = z.output<typeof promptAudioSource>;

/** A prompt's current audio in one language. */
export const promptAudioSchema = z.object({
  language: z.string(),
  source: promptAudioSource,
  /** sha256 (hex) of the 8 kHz WAV: what a published version pins. */
  hash: z.string(),
  durationMs: z.number().int(),
  /** 120 values in 0..1: the waveform to draw. */
  peaks: z.array(z.number()),
  /** The sentence spoken (source `speech`). */
  speechText: z.string().nullable(),
  /** The voice it was spoken in (source `speech`; null: the language's default). */
  voice: z.string().nullable(),
  /** The uploaded file's name (source `upload`, when the browser gave it). */
  fileName: z.string().nullable(),
  updatedAt: isoDate,
});
export type PromptAudio = z.output<typeof promptAudioSchema>;

/** A library prompt with its audio, one per language, sorted by language. */
export const promptSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  createdAt: isoDate,
  updatedAt: isoDate,
  audio: z.array(promptAudioSchema),
});
export type PromptSummary = z.output<typeof promptSummarySchema>;

/** GET /prompts: by name; `languages` are every language any prompt has audio in (the matrix's columns). */
export const promptListResponseSchema = z.object({
  items: z.array(promptSummarySchema),
  languages: z.array(z.string()),
});
export type PromptListResponse = z.output<typeof promptListResponseSchema>;

/** A published version that pinned a prompt's audio, and the extensions where it is live. */
export const promptVersionUseSchema = z.object({
  flowId: z.string(),
  flowName: z.string(),
  number: z.number().int(),
  /** The languages of the prompt it pinned. */
  languages: z.array(z.string()),
  liveOn: z.array(z.string()),
});
export type PromptVersionUse = z.output<typeof promptVersionUseSchema>;

/** Where a prompt is used: drafts that name it, versions that pinned it (newest first). */
export const promptUsageSchema = z.object({
  drafts: z.array(z.object({ flowId: z.string(), flowName: z.string() })),
  versions: z.array(promptVersionUseSchema),
  /** Every extension where a version that plays it is live: while any is, it cannot be deleted. */
  liveOn: z.array(z.string()),
});
export type PromptUsage = z.output<typeof promptUsageSchema>;

/** GET /prompts/:promptId */
export const promptDetailSchema = promptSummarySchema.extend({ usage: promptUsageSchema });
export type PromptDetail = z.output<typeof promptDetailSchema>;

/** POST /prompts */
export const createPromptBody = z
  .object({ name: promptNameSchema, description: promptDescriptionSchema.default('') })
  .strict();
export type CreatePromptBody = z.output<typeof createPromptBody>;

/** PATCH /prompts/:promptId: what is given changes. */
export const updatePromptBody = z
  .object({ name: promptNameSchema.optional(), description: promptDescriptionSchema.optional() })
  .strict();
export type UpdatePromptBody = z.output<typeof updatePromptBody>;

const speechTextSchema = z
  .string()
  .max(maxPromptSpeechLength, `a sentence to speak has at most ${maxPromptSpeechLength} characters`)
  .refine((text) => text.trim() !== '', 'write what to say')
  .refine(noControlCharacters, 'leave out control characters such as tabs and line breaks');

/** PUT /prompts/:promptId/speech/:language: the language's audio becomes this sentence, spoken. */
export const setPromptSpeechBody = z
  .object({ text: speechTextSchema, voice: voiceIdSchema.nullable().default(null) })
  .strict();
export type SetPromptSpeechBody = z.output<typeof setPromptSpeechBody>;

/** POST /speech/preview: `{{variables}}` in the text are spoken as their names. */
export const speechPreviewBody = z
  .object({
    text: speechTextSchema,
    language: promptLanguageSchema,
    voice: voiceIdSchema.nullable().default(null),
  })
  .strict();
export type SpeechPreviewBody = z.output<typeof speechPreviewBody>;

/** A text-to-speech voice of the configured engine. */
export const speechVoiceSchema = z.object({ id: z.string(), name: z.string(), language: z.string() });
export type SpeechVoiceView = z.output<typeof speechVoiceSchema>;

/** GET /speech/voices: `engine` names the engine (`espeak-ng`, or `http:<host>`). */
export const speechVoiceListResponseSchema = z.object({
  engine: z.string(),
  voices: z.array(speechVoiceSchema),
});
export type SpeechVoiceListResponse = z.output<typeof speechVoiceListResponseSchema>;

/** Why an audio file (or a spoken sentence) was refused; `message` says it in words for people. */
export const audioRejectedReason = z.enum(['too_big', 'too_long', 'not_audio', 'corrupt', 'silent']);
export const audioRejectedBody = errorSchema.extend({
  error: z.literal('audio_rejected'),
  reason: audioRejectedReason,
});
export type AudioRejectedBody = z.output<typeof audioRejectedBody>;

/** One of Asterisk's own sounds, in one language. */
export const stockSoundSchema = z.object({
  /** What a `sound` prompt names: `hello-world`, `digits/1`. */
  name: z.string(),
  language: z.string(),
  /** What it says, from the sounds' index; null when the index does not list it. */
  text: z.string().nullable(),
  durationMs: z.number().int().nullable(),
  format: z.string(),
});
export type StockSound = z.output<typeof stockSoundSchema>;

/** GET /sounds/stock: by name then language; `total` counts every match, `items` the first `limit`. */
export const stockSoundListResponseSchema = z.object({
  items: z.array(stockSoundSchema),
  total: z.number().int(),
});
export type StockSoundListResponse = z.output<typeof stockSoundListResponseSchema>;

/**
 * A stock sound's name in a path or query: Asterisk's layout (`hello-world`, `digits/1`), so no `..`,
 * no leading `/`, no `:` (the same rule as a `sound` prompt's name).
 */
export const stockSoundNameSchema = z
  .string()
  .max(200)
  .regex(/^[A-Za-z0-9_-]+(?:\/[A-Za-z0-9_-]+)*$/, 'use a sound name like hello-world or digits/1');

/** A library prompt whose current audio differs from what the extension's live version pinned. */
export const promptChangeSchema = z.object({
  promptId: z.string(),
  name: z.string(),
  /** Languages whose audio was replaced. */
  changed: z.array(z.string()),
  /** Languages it has now that the live version did not pin. */
  added: z.array(z.string()),
  /** Languages the live version pinned that it has no longer. */
  removed: z.array(z.string()),
});
export type PromptChange = z.output<typeof promptChangeSchema>;

/**
 * GET /flows/:flowId/prompt-changes?extension=: the library prompts both the draft and the
 * extension's live version use, whose audio changed since that version was made (what publishing the
 * draft would change). `liveVersion` null: nothing is live on the extension (no changes listed).
 */
export const promptChangesResponseSchema = z.object({
  extension: z.string(),
  liveVersion: z.object({ flowId: z.string(), flowName: z.string(), number: z.number().int() }).nullable(),
  changes: z.array(promptChangeSchema),
});
export type PromptChangesResponse = z.output<typeof promptChangesResponseSchema>;
