import { stepErrors } from '@callflow/flow';
import { type PromptSource, type SpeechRequest, StepFailure } from '@callflow/flow/runtime';
import type { PinnedAudio } from './PinnedAudio.ts';
import type { SpeechRenderer, SpeechSource } from './SpeechRenderer.ts';

export interface CallPromptSourceOptions {
  /** What the call's version pinned. */
  pinned: PinnedAudio;
  /** The flow's default language (its Start node's). */
  defaultLanguage: string;
  /** Where Asterisk fetches media: `<baseUrl>/<id>.wav`. */
  baseUrl: string;
  speech: SpeechRenderer;
  /** The cache key of a request with this installation's engine (speechKey). */
  keyOf(request: SpeechRequest): string;
  counted(source: SpeechSource): void;
  /** The call's channel, for the error a hangup during speech raises. */
  channelId: string;
}

/**
 * One call's prompts: library prompts and static texts from the audio its version pinned, other texts
 * spoken now (SpeechRenderer). Every URI is `sound:<media URL>/<64 hex>.wav`: nothing of a prompt id,
 * a text or a variable ever goes into it.
 */
export class CallPromptSource implements PromptSource {
  readonly defaultLanguage: string;
  readonly #options: CallPromptSourceOptions;

  constructor(options: CallPromptSourceOptions) {
    this.#options = options;
    this.defaultLanguage = options.defaultLanguage;
  }

  libraryMedia(promptId: string, language: string): string {
    const hash = this.#options.pinned.prompt(promptId, language, this.defaultLanguage);
    // Shown to the flow's authors in the call log: no id (the version holds no prompt names).
    if (hash === undefined) throw new StepFailure(stepErrors.libraryPromptWithoutAudio.says());
    return this.#uri(hash);
  }

  async speechMedia(request: SpeechRequest, signal: AbortSignal): Promise<string> {
    const { pinned, speech, keyOf, counted, channelId } = this.#options;
    const hash = pinned.speech(keyOf(request));
    if (hash !== undefined) {
      counted('pinned');
      return this.#uri(hash);
    }
    return this.#uri(await speech.idOf(request, { signal, channelId }));
  }

  #uri(id: string): string {
    return `sound:${this.#options.baseUrl}/${id}.wav`;
  }
}
