import * as catalog from '@callflow/catalog';
import type { PromptSummary, SetPromptSpeechBody } from '@callflow/contract';
import { convertAudio, renderSpeech } from '@callflow/media';
import type { ApiServices, AuthenticatedUser } from '../../http/ApiServices.ts';

export interface PromptLanguage {
  readonly promptId: string;
  readonly language: string;
}

/**
 * Converts an uploaded or recorded file and makes it the prompt's audio in the language. A file the
 * converter refuses is answered in its words (413, 415, 422) and nothing is stored; an unknown prompt
 * is refused (404) before any work.
 */
export async function uploadPromptAudio(
  services: ApiServices,
  target: PromptLanguage,
  file: Uint8Array,
  origin: { readonly source: 'upload' | 'recording'; readonly fileName?: string | undefined },
  actor: AuthenticatedUser,
  signal: AbortSignal,
): Promise<PromptSummary> {
  await catalog.findPrompt(services.db.prisma, target.promptId);
  const audio = await services.prompts.work.run(() => convertAudio(file, { signal }), signal);
  return catalog.setPromptAudio(
    services.db,
    target,
    audio,
    { source: origin.source, fileName: origin.source === 'upload' ? (origin.fileName ?? null) : null },
    actor.username,
  );
}

/** Speaks the sentence with the configured engine and makes it the prompt's audio in the language. */
export async function setPromptSpeech(
  services: ApiServices,
  target: PromptLanguage,
  body: SetPromptSpeechBody,
  actor: AuthenticatedUser,
  signal: AbortSignal,
): Promise<PromptSummary> {
  await catalog.findPrompt(services.db.prisma, target.promptId);
  const request = { text: body.text, language: target.language, voice: body.voice };
  const audio = await services.prompts.work.run(
    () => renderSpeech(services.prompts.speech, request, signal),
    signal,
  );
  return catalog.setPromptAudio(
    services.db,
    target,
    audio,
    { source: 'speech', speechText: body.text, voice: body.voice },
    actor.username,
  );
}
