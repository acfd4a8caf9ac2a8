import { endpointUrl, type PromptAudioSource, promptEndpoints } from '@callflow/contract';
import { callEndpoint, callEndpointForFile } from '../api/callEndpoint.ts';

/** The prompt library ("My prompts"), the speech engine's voices and previews, and Asterisk's own sounds. */
export const promptsApi = {
  list: (signal?: AbortSignal) => callEndpoint(promptEndpoints.listPrompts, {}, { signal }),
  get: (promptId: string, signal?: AbortSignal) =>
    callEndpoint(promptEndpoints.getPrompt, { params: { promptId } }, { signal }),
  create: (name: string, description: string) =>
    callEndpoint(promptEndpoints.createPrompt, { body: { name, description } }),
  update: (promptId: string, change: { name?: string; description?: string }) =>
    callEndpoint(promptEndpoints.updatePrompt, { params: { promptId }, body: change }),
  remove: (promptId: string) => callEndpoint(promptEndpoints.deletePrompt, { params: { promptId } }),

  /** Sends an audio file or a recording as it is; the server converts it (or says why it cannot). */
  upload: async (
    promptId: string,
    language: string,
    audio: Blob,
    source: Exclude<PromptAudioSource, 'speech'>,
    fileName?: string,
  ) =>
    callEndpoint(
      promptEndpoints.uploadPromptAudio,
      {
        params: { promptId, language },
        query: { source, fileName },
        body: new Uint8Array(await audio.arrayBuffer()),
      },
      { contentType: audio.type },
    ),
  setSpeech: (promptId: string, language: string, text: string, voice: string | null) =>
    callEndpoint(promptEndpoints.setPromptSpeech, { params: { promptId, language }, body: { text, voice } }),
  removeAudio: (promptId: string, language: string) =>
    callEndpoint(promptEndpoints.deletePromptAudio, { params: { promptId, language } }),
  /** The address an <audio> element plays a prompt's current audio from. */
  audioUrl: (promptId: string, language: string) =>
    endpointUrl(promptEndpoints.promptAudioFile, { params: { promptId, language } }),

  voices: (signal?: AbortSignal) => callEndpoint(promptEndpoints.listSpeechVoices, {}, { signal }),
  /** A sentence spoken, as a WAV to play; nothing is stored. */
  speechPreview: (text: string, language: string, voice: string | null) =>
    callEndpointForFile(promptEndpoints.speechPreview, { body: { text, language, voice } }),

  stockSounds: (query: { search?: string; language?: string; limit?: number }, signal?: AbortSignal) =>
    callEndpoint(promptEndpoints.listStockSounds, { query }, { signal }),
  stockSoundUrl: (name: string, language: string) =>
    endpointUrl(promptEndpoints.stockSoundFile, { params: { name }, query: { language } }),

  /** Library prompts whose audio changed since the version live on `extension` was published. */
  changes: (flowId: string, extension: string, signal?: AbortSignal) =>
    callEndpoint(promptEndpoints.promptChanges, { params: { flowId }, query: { extension } }, { signal }),
};
