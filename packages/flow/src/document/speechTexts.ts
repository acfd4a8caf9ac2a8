import type { SpeechRequest } from '../runtime/PromptSource.ts';
import type { FlowDocument } from './FlowDocument.ts';
import { findPrompts } from './findPrompts.ts';
import { defaultFlowLanguage } from './flowLanguages.ts';

/**
 * The say prompts' texts a parsed document speaks that hold no {{variables}}, translations included,
 * each once: what publishing renders ahead of calls. Each is exactly the request a call makes for it
 * (trimmed; a translation in its own language's default voice), so the rendering is found by key.
 */
export function speechTexts(document: Pick<FlowDocument, 'nodes'>): SpeechRequest[] {
  const defaultLanguage = defaultFlowLanguage(document);
  const requests = new Map<string, SpeechRequest>();
  const add = (request: SpeechRequest) => {
    if (request.text.includes('{{') || request.text === '') return;
    requests.set(JSON.stringify([request.language, request.voice, request.text]), request);
  };
  for (const { prompt } of findPrompts(document)) {
    if (prompt.type !== 'say') continue;
    add({ text: prompt.text.trim(), language: prompt.language ?? defaultLanguage, voice: prompt.voice });
    for (const translation of prompt.translations)
      add({ text: translation.text.trim(), language: translation.language, voice: null });
  }
  return [...requests.values()];
}
