import { type SpeechEngine, StockSounds, speechEngineFromEnv } from '@callflow/media';
import { AudioWorkSlots } from './AudioWorkSlots.ts';

/** What the prompt library's routes use besides the catalog. */
export interface PromptMedia {
  /** The text-to-speech engine: espeak-ng on this server, or CALLFLOW_TTS_URL's. */
  readonly speech: SpeechEngine;
  /** Asterisk's own sounds, read from its sounds folder. */
  readonly stockSounds: StockSounds;
  /** Bounds the conversions and renderings running at once. */
  readonly work: AudioWorkSlots;
}

/** The settings it is built from (apiConfig parses them); the speech engine's are read from `env`. */
export interface PromptMediaSettings {
  readonly CALLFLOW_ASTERISK_SOUNDS_DIR: string;
  readonly CALLFLOW_ASTERISK_ROOT: string;
  readonly CALLFLOW_AUDIO_JOBS: number;
}

export function promptMediaFrom(
  settings: PromptMediaSettings,
  env: Readonly<Record<string, string | undefined>>,
): PromptMedia {
  return {
    speech: speechEngineFromEnv(env),
    stockSounds: new StockSounds({
      soundsDir: settings.CALLFLOW_ASTERISK_SOUNDS_DIR,
      rootDir: settings.CALLFLOW_ASTERISK_ROOT,
    }),
    // A few waiting per running job: a burst of previews waits; a flood is answered 503.
    work: new AudioWorkSlots({
      running: settings.CALLFLOW_AUDIO_JOBS,
      waiting: settings.CALLFLOW_AUDIO_JOBS * 4,
    }),
  };
}
