/** What a say prompt asks to hear: its text (variables already substituted), language and voice. */
export interface SpeechRequest {
  readonly text: string;
  /** A flow language code: en, ru, fr_FR. */
  readonly language: string;
  /** null: the language's default voice. */
  readonly voice: string | null;
}

/**
 * Where a call's library prompts and spoken texts come from: the runtime answers from what the
 * published version pinned. It returns whole ARI media URIs, so text a caller or a web service put in
 * a variable is only ever data for it, never part of a URI the flow builds.
 */
export interface PromptSource {
  /** The flow's default language: the Start node's. */
  readonly defaultLanguage: string;
  /**
   * Media URI for a library prompt in `language`, falling back to defaultLanguage, then any language
   * it has; throws StepFailure naming the prompt when the version pinned no audio for it.
   */
  libraryMedia(promptId: string, language: string): string;
  /**
   * Media URI of `text` spoken (the pinned rendering when published static, else rendered now and
   * cached); throws StepFailure when the engine fails or takes too long (bounded).
   */
  speechMedia(request: SpeechRequest, signal: AbortSignal): Promise<string>;
}
