import type { DirectSql } from '@callflow/db';
import { defaultFlowLanguage, type FlowGraph } from '@callflow/flow';
import { type PromptSource, type SpeechRequest, StepFailure } from '@callflow/flow/runtime';
import { renderSpeech, type SpeechEngine, speechKey } from '@callflow/media';
import { type MediaListenAddress, mediaBaseUrlOf } from '../config/mediaConfig.ts';
import type { Logger } from '../log/Logger.ts';
import type { RuntimeMetrics } from '../metrics/RuntimeMetrics.ts';
import { CallPromptSource } from './CallPromptSource.ts';
import { MediaFiles } from './MediaFiles.ts';
import { MediaServer } from './MediaServer.ts';
import type { PinnedAudio } from './PinnedAudio.ts';
import { SpeechRenderer, type SpeechRendererOptions } from './SpeechRenderer.ts';

export interface PromptMediaOptions {
  sql: DirectSql;
  engine: SpeechEngine;
  logger: Logger;
  metrics: RuntimeMetrics;
  /** CALLFLOW_MEDIA_LISTEN. */
  listen: MediaListenAddress;
  /** CALLFLOW_MEDIA_URL; default: the listener's own address. */
  url: string | undefined;
  /** CALLFLOW_MEDIA_CACHE_MB, in bytes. */
  libraryCacheBytes: number;
  /** CALLFLOW_SPEECH_CACHE_MB, in bytes. */
  speechCacheBytes: number;
  /** CALLFLOW_SPEECH_TIMEOUT_MS. */
  speechTimeoutMs: number;
  /** CALLFLOW_SPEECH_CONCURRENCY. */
  speechConcurrency: number;
  /** Tests: instead of renderSpeech with `engine`. */
  render?: SpeechRendererOptions['render'];
}

/** What a call's prompts need of its version. */
export interface VersionForPrompts {
  readonly graph: FlowGraph;
  readonly audio: PinnedAudio;
}

/**
 * The runtime's prompt media, shared by every Asterisk server and call: the listener Asterisk fetches
 * audio from (see MediaServer), the call-time speech renderer, and a PromptSource for each call.
 */
export class PromptMedia {
  readonly #options: PromptMediaOptions;
  readonly #server: MediaServer;
  readonly #keyOf: (request: SpeechRequest) => string;
  readonly speech: SpeechRenderer;
  readonly files: MediaFiles;
  /** Where Asterisk fetches media; undefined until the listener is bound (or when it could not be). */
  #baseUrl: string | undefined;
  #unavailable = 'the runtime’s media listener has not started';

  constructor(options: PromptMediaOptions) {
    this.#options = options;
    const { engine, metrics } = options;
    this.#keyOf = (request) => speechKey(engine.id, request);
    this.speech = new SpeechRenderer({
      keyOf: this.#keyOf,
      render: timed(
        options.logger,
        options.render ?? ((request, signal) => renderSpeech(engine, request, signal)),
      ),
      cacheBytes: options.speechCacheBytes,
      timeoutMs: options.speechTimeoutMs,
      concurrency: options.speechConcurrency,
      counted: (source) => metrics.speechPrompts.labels(source).inc(),
    });
    this.files = new MediaFiles(options.sql, this.speech, options.libraryCacheBytes);
    this.#server = new MediaServer({
      find: (id) => this.files.find(id),
      logger: options.logger,
      counted: (result) => metrics.mediaRequests.labels(result).inc(),
    });
  }

  /**
   * Binds the listener. When it cannot (the port is taken), the runtime still runs: library and
   * spoken prompts then take their node's error outcome, saying why, and the error is logged.
   */
  async start(): Promise<string | undefined> {
    const { listen, logger } = this.#options;
    try {
      const bound = await this.#server.listen(listen.host, listen.port);
      this.#baseUrl = mediaBaseUrlOf(this.#options.url, bound);
      logger.info('prompt media served', {
        listen: `${bound.host}:${bound.port}`,
        url: this.#baseUrl,
        speech: this.#options.engine.id,
      });
      return this.#baseUrl;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.#unavailable = `the runtime cannot serve prompts to Asterisk: its media listener (CALLFLOW_MEDIA_LISTEN ${listen.host}:${listen.port}) could not start (${reason})`;
      logger.error('cannot serve prompt media; library and spoken prompts will fail', { reason });
      return undefined;
    }
  }

  async close(): Promise<void> {
    await this.#server.close();
  }

  /** The prompts of one call on `version`. */
  forCall(version: VersionForPrompts, channelId: string): PromptSource {
    const defaultLanguage = defaultFlowLanguage(version.graph.document);
    const baseUrl = this.#baseUrl;
    if (baseUrl === undefined) return unavailablePrompts(defaultLanguage, this.#unavailable);
    return new CallPromptSource({
      pinned: version.audio,
      defaultLanguage,
      baseUrl,
      speech: this.speech,
      keyOf: this.#keyOf,
      counted: (source) => this.#options.metrics.speechPrompts.labels(source).inc(),
      channelId,
    });
  }
}

/** `render`, logging at debug how long each rendering took (what the speech latency benchmark reads). */
function timed(logger: Logger, render: SpeechRendererOptions['render']): SpeechRendererOptions['render'] {
  return async (request, signal) => {
    const started = performance.now();
    const audio = await render(request, signal);
    logger.debug('speech rendered', {
      ms: Math.round(performance.now() - started),
      bytes: audio.narrowband.byteLength,
      language: request.language,
    });
    return audio;
  };
}

/** Prompts of a runtime that cannot serve media: library and spoken prompts take the error outcome. */
export function unavailablePrompts(defaultLanguage: string, why: string): PromptSource {
  const fail = (): never => {
    throw new StepFailure(why);
  };
  return { defaultLanguage, libraryMedia: fail, speechMedia: async () => fail() };
}
