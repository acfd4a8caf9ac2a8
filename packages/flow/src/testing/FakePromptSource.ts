import type { PromptSource, SpeechRequest } from '../runtime/PromptSource.ts';
import { StepFailure } from '../runtime/StepFailure.ts';

/**
 * A prompt library for tests: every library prompt exists in every language unless `missing` says
 * otherwise, and every text can be spoken. Media URIs say what was asked (`sound:fake/<promptId>/<language>`,
 * `sound:fake-speech/<language>/<text>` with the text URL-encoded, so a comma stays inside its item), and
 * each request is recorded.
 */
export class FakePromptSource implements PromptSource {
  readonly defaultLanguage: string;
  /** Library prompts asked for, in order, with the language asked. */
  readonly libraryRequests: { promptId: string; language: string }[] = [];
  /** Spoken texts asked for, in order. */
  readonly speechRequests: SpeechRequest[] = [];
  /** Prompt ids the library does not have (libraryMedia throws, like a version that pinned nothing). */
  readonly missing = new Set<string>();
  /** When set, speechMedia fails, like an engine that is down. */
  speechFailure: string | null = null;

  constructor(defaultLanguage = 'en') {
    this.defaultLanguage = defaultLanguage;
  }

  libraryMedia(promptId: string, language: string): string {
    this.libraryRequests.push({ promptId, language });
    if (this.missing.has(promptId)) throw new StepFailure(`the prompt "${promptId}" has no audio`);
    return `sound:fake/${promptId}/${language}`;
  }

  async speechMedia(request: SpeechRequest, signal: AbortSignal): Promise<string> {
    signal.throwIfAborted();
    this.speechRequests.push({ ...request });
    if (this.speechFailure !== null) throw new StepFailure(this.speechFailure);
    return `sound:fake-speech/${request.language}/${encodeURIComponent(request.text)}`;
  }
}
