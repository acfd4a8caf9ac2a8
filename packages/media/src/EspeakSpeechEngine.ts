import { espeakVoiceFor, femaleVariant, parseEspeakVoices } from './espeakVoices.ts';
import { ProcessFailed, runProcess } from './runProcess.ts';
import {
  type SpeechEngine,
  type SpeechRequest,
  type SpeechVoice,
  speechRequestSchema,
} from './SpeechEngine.ts';
import { SpeechFailed } from './SpeechFailed.ts';

export interface EspeakSpeechEngineOptions {
  /** Default 10 s. */
  readonly timeoutMs?: number;
}

const maxRenderingBytes = 20 * 1024 * 1024;
const voiceListTimeoutMs = 10_000;

/**
 * The built-in engine: Debian's espeak-ng, offline, many languages. The text goes in on stdin, never
 * as an argument; the voice is an id checked against espeak-ng's own list.
 */
export class EspeakSpeechEngine implements SpeechEngine {
  readonly id = 'espeak-ng';
  /** espeak-ng --stdout writes a 22050 Hz mono 16-bit PCM WAV: renderSpeech's fast path. */
  readonly answersPcmWav = true;
  readonly #timeoutMs: number;
  #voices: Promise<SpeechVoice[]> | undefined;

  constructor(options: EspeakSpeechEngineOptions = {}) {
    this.#timeoutMs = options.timeoutMs ?? 10_000;
  }

  voices(): Promise<SpeechVoice[]> {
    this.#voices ??= this.#listVoices().catch((error: unknown) => {
      this.#voices = undefined;
      throw error;
    });
    return this.#voices;
  }

  async render(request: SpeechRequest, signal?: AbortSignal): Promise<Uint8Array> {
    const parsed = speechRequestSchema.safeParse(request);
    if (!parsed.success) throw SpeechFailed.invalidRequest(this.id, parsed.error);
    const { text, language, voice } = parsed.data;
    const espeakVoice = await this.#chooseVoice(language, voice);
    if (espeakVoice === undefined) {
      throw new SpeechFailed(
        this.id,
        'invalid_request',
        voice === null
          ? `espeak-ng has no voice for the language ${language}.`
          : `espeak-ng has no voice ${voice}.`,
      );
    }
    // -b 1: the text is UTF-8; -z: no pause after the last sentence. Line breaks become spaces so a
    // paragraph is read as one text.
    const args = ['-b', '1', '-z', '-v', espeakVoice, '--stdin', '--stdout'];
    const input = Buffer.from(text.replace(/[\r\n\t]+/g, ' '), 'utf8');
    const result = await this.#run(args, input, this.#timeoutMs, signal);
    if (result.code !== 0 || result.outputs[0]?.length === 0) {
      throw new SpeechFailed(
        this.id,
        'unavailable',
        `espeak-ng could not speak the text: ${firstLine(result.stderr)}`,
      );
    }
    return result.outputs[0] ?? new Uint8Array();
  }

  async #listVoices(): Promise<SpeechVoice[]> {
    const result = await this.#run(['--voices'], undefined, voiceListTimeoutMs, undefined);
    if (result.code !== 0)
      throw new SpeechFailed(this.id, 'unavailable', 'espeak-ng could not list its voices.');
    return parseEspeakVoices(result.outputs[0]?.toString('utf8') ?? '');
  }

  /**
   * The asked voice if espeak-ng has it; else the language's, or for a regional language without one
   * of its own (fr_CA) its language's (fr). espeak-ng lists en-gb and en-us, and `-v en` picks one.
   */
  async #chooseVoice(language: string, voice: string | null): Promise<string | undefined> {
    const known = (await this.voices()).map((entry) => entry.id);
    const has = (name: string) => known.some((id) => id === name || id.startsWith(`${name}-`));
    if (voice !== null) {
      const base = voice.endsWith(femaleVariant) ? voice.slice(0, -femaleVariant.length) : voice;
      return has(base) ? voice : undefined;
    }
    const candidates = [espeakVoiceFor(language), espeakVoiceFor(language.split('_')[0] ?? language)];
    return candidates.find(has);
  }

  async #run(
    args: readonly string[],
    input: Buffer | undefined,
    timeoutMs: number,
    signal: AbortSignal | undefined,
  ) {
    try {
      return await runProcess('espeak-ng', args, {
        input,
        signal,
        timeoutMs,
        maxOutputBytes: maxRenderingBytes,
      });
    } catch (error) {
      if (!(error instanceof ProcessFailed)) throw error;
      throw SpeechFailed.fromProcess(this.id, error, `${error.message}.`);
    }
  }
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? 'no reason given';
}
