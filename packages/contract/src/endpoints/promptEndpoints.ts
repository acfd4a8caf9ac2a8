import { extension } from '@callflow/flow';
import { z } from 'zod';
import { errorBody } from '../errorContract.ts';
import {
  audioRejectedBody,
  createPromptBody,
  promptChangesResponseSchema,
  promptDetailSchema,
  promptIdSchema,
  promptLanguageSchema,
  promptListResponseSchema,
  promptSummarySchema,
  setPromptSpeechBody,
  speechPreviewBody,
  speechVoiceListResponseSchema,
  stockSoundListResponseSchema,
  stockSoundNameSchema,
  updatePromptBody,
} from '../promptContract.ts';
import { defineEndpoint } from './Endpoint.ts';
import { flowIdParams } from './flowParams.ts';

const tag = 'prompts';
const promptParams = z.object({ promptId: promptIdSchema }).strict();
const promptLanguageParams = z.object({ promptId: promptIdSchema, language: promptLanguageSchema }).strict();

/** An audio file's bytes as sent (`bodyLimit: 'audio'`): not JSON. */
export const audioUploadBody = z.instanceof(Uint8Array, {
  message: 'send the audio file as the request body',
});

/** Where a file may come from; a recording is what the browser's microphone made. */
const uploadQuery = z.object({
  source: z.enum(['upload', 'recording']).default('upload'),
  fileName: z
    .string()
    .max(255, 'a file name has at most 255 characters')
    .regex(/^[^\p{Cc}/\\]*$/u, 'a file name without folders or control characters')
    .optional()
    .describe("The file's name as the user chose it, shown in the library"),
});

/** How a refused file is answered: 413 too big, 415 not audio, 422 too long, corrupt or silent. */
const audioRefusals = { 413: audioRejectedBody, 415: audioRejectedBody, 422: audioRejectedBody } as const;

/**
 * The prompt library ("My prompts"): named recordings the company owns, one audio per language, made
 * from an upload, a browser recording or text-to-speech; Asterisk's own sounds; the speech engine's
 * voices and previews. Viewers read and listen; editors change.
 */
export const promptEndpoints = {
  listPrompts: defineEndpoint({
    method: 'get',
    path: '/prompts',
    summary:
      'The library prompts by name, each with its audio per language (source, duration, waveform peaks), and every language any has',
    tag,
    access: 'viewer',
    query: z.object({
      search: z
        .string()
        .trim()
        .max(80)
        .optional()
        .describe('Only prompts whose name contains this (any case)'),
    }),
    responses: { 200: promptListResponseSchema },
    success: 200,
  }),
  createPrompt: defineEndpoint({
    method: 'post',
    path: '/prompts',
    summary: 'Create a library prompt (no audio yet); 409 `prompt_name_taken` when the name is in use',
    tag,
    access: 'editor',
    body: createPromptBody,
    responses: { 201: promptSummarySchema, 409: errorBody },
    success: 201,
  }),
  getPrompt: defineEndpoint({
    method: 'get',
    path: '/prompts/:promptId',
    summary:
      'A library prompt with where it is used: drafts that name it, versions that pinned its audio and the extensions where those are live',
    tag,
    access: 'viewer',
    params: promptParams,
    responses: { 200: promptDetailSchema, 404: errorBody },
    success: 200,
  }),
  updatePrompt: defineEndpoint({
    method: 'patch',
    path: '/prompts/:promptId',
    summary: 'Rename a prompt or change its description (published versions keep playing what they pinned)',
    tag,
    access: 'editor',
    params: promptParams,
    body: updatePromptBody,
    responses: { 200: promptSummarySchema, 404: errorBody, 409: errorBody },
    success: 200,
  }),
  deletePrompt: defineEndpoint({
    method: 'delete',
    path: '/prompts/:promptId',
    summary:
      'Delete a prompt; refused (409 `prompt_in_use`, with `extensions`) while a live version plays it. Versions not live keep the audio they pinned',
    tag,
    access: 'editor',
    params: promptParams,
    responses: {
      204: null,
      404: errorBody,
      409: errorBody.extend({ extensions: z.array(z.string()) }),
    },
    success: 204,
  }),
  uploadPromptAudio: defineEndpoint({
    method: 'put',
    path: '/prompts/:promptId/audio/:language',
    summary:
      "Set a prompt's audio in a language from a file (WAV, MP3, OGG/Opus, M4A/AAC, WebM/Opus, FLAC; at most 20 MB and 5 minutes), sent as the raw body: converted to 8 and 16 kHz WAV, silence trimmed, loudness normalised. A refused file (413, 415, 422: `audio_rejected` with `reason` and a message) changes nothing",
    tag,
    access: 'editor',
    params: promptLanguageParams,
    query: uploadQuery,
    body: audioUploadBody,
    bodyLimit: 'audio',
    responses: { 200: promptSummarySchema, 404: errorBody, ...audioRefusals, 503: errorBody },
    success: 200,
  }),
  setPromptSpeech: defineEndpoint({
    method: 'put',
    path: '/prompts/:promptId/speech/:language',
    summary:
      "Set a prompt's audio in a language to a sentence spoken by the text-to-speech engine (rendered now); 502 `speech_failed` when the engine fails",
    tag,
    access: 'editor',
    params: promptLanguageParams,
    body: setPromptSpeechBody,
    responses: {
      200: promptSummarySchema,
      404: errorBody,
      422: audioRejectedBody,
      502: errorBody,
      503: errorBody,
    },
    success: 200,
  }),
  deletePromptAudio: defineEndpoint({
    method: 'delete',
    path: '/prompts/:promptId/audio/:language',
    summary: "Remove a prompt's audio in one language (published versions keep what they pinned)",
    tag,
    access: 'editor',
    params: promptLanguageParams,
    responses: { 204: null, 404: errorBody },
    success: 204,
  }),
  promptAudioFile: defineEndpoint({
    method: 'get',
    path: '/prompts/:promptId/audio/:language/file',
    summary: "A prompt's current audio in a language, as a WAV file (16 kHz by default), for listening to it",
    tag,
    access: 'viewer',
    params: promptLanguageParams,
    query: z.object({
      format: z
        .enum(['wav', 'wav16'])
        .default('wav16')
        .describe('`wav`: 8 kHz as callers hear it; `wav16`: 16 kHz'),
    }),
    responses: { 200: null, 404: errorBody },
    success: 200,
  }),
  speechPreview: defineEndpoint({
    method: 'post',
    path: '/speech/preview',
    summary:
      'A sentence spoken by the text-to-speech engine, as a WAV file, to listen to before saving (`{{variables}}` are spoken as their names); nothing is stored',
    tag,
    access: 'viewer',
    body: speechPreviewBody,
    responses: { 200: null, 422: audioRejectedBody, 502: errorBody, 503: errorBody },
    success: 200,
  }),
  listSpeechVoices: defineEndpoint({
    method: 'get',
    path: '/speech/voices',
    summary:
      "The text-to-speech engine's voices, optionally of one language; 502 when the engine cannot be asked",
    tag,
    access: 'viewer',
    query: z.object({ language: promptLanguageSchema.optional() }),
    responses: { 200: speechVoiceListResponseSchema, 502: errorBody },
    success: 200,
  }),
  listStockSounds: defineEndpoint({
    method: 'get',
    path: '/sounds/stock',
    summary:
      "Asterisk's own sounds with what they say and how long they are, from the sounds folder (CALLFLOW_ASTERISK_SOUNDS_DIR), searchable by name or by what they say; 503 when the folder cannot be read",
    tag,
    access: 'viewer',
    query: z.object({
      search: z
        .string()
        .trim()
        .max(120)
        .optional()
        .describe('Words of the name or of what it says (any case)'),
      language: promptLanguageSchema.optional(),
      limit: z.coerce.number().int().min(1).max(500).default(100),
    }),
    responses: { 200: stockSoundListResponseSchema, 503: errorBody },
    success: 200,
  }),
  stockSoundFile: defineEndpoint({
    method: 'get',
    path: '/sounds/stock/:name/file',
    summary:
      "One of Asterisk's own sounds as a WAV file, to listen to (name URL-encoded as one segment: `digits%2F1`)",
    tag,
    access: 'viewer',
    params: z.object({ name: stockSoundNameSchema }).strict(),
    query: z.object({ language: promptLanguageSchema.default('en') }),
    responses: { 200: null, 404: errorBody, 503: errorBody },
    success: 200,
  }),
  promptChanges: defineEndpoint({
    method: 'get',
    path: '/flows/:flowId/prompt-changes',
    summary:
      "The library prompts the flow's draft and the extension's live version both use whose audio changed since that version was made: what publishing the draft there changes besides the flow",
    tag,
    access: 'viewer',
    params: flowIdParams,
    query: z.object({ extension }),
    responses: { 200: promptChangesResponseSchema, 404: errorBody },
    success: 200,
  }),
};
