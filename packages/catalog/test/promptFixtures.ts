import { createHash } from 'node:crypto';
import { type FlowDocument, type Prompt, validateFlow } from '@callflow/flow';
import { testFlow } from '@callflow/flow/testing';
import { type SpeechEngine, SpeechFailed, type SpeechRequest, speechEngineFromEnv } from '@callflow/media';
import type { AudioToStore } from '../src/prompts/storeAudio.ts';

/**
 * A clip as the converter would give it, without running it: distinct bytes per seed (not text: NUL
 * and 0xFF included), named by their sha256 like real audio.
 */
export function testClip(seed: number): AudioToStore {
  const narrowband = Buffer.alloc(800, seed % 256);
  narrowband.write('RIFF', 0, 'latin1');
  narrowband[5] = 0xff;
  return {
    hash: createHash('sha256').update(narrowband).digest('hex'),
    narrowband,
    wideband: Buffer.concat([narrowband, narrowband]),
    durationMs: 100 + seed,
    peaks: Array.from({ length: 120 }, (_, index) => (index % 10) / 10),
  };
}

/** Start → play `prompts` → hang up, valid (a library prompt the library lacks is checked by the catalog). */
export function promptDocument(prompts: Prompt[], language = 'en'): FlowDocument {
  const checked = validateFlow(
    testFlow(
      [
        { id: 'start', kind: 'start', options: { language } },
        { id: 'say', kind: 'play', label: 'Greeting', options: { prompts } },
        { id: 'bye', kind: 'hangup' },
      ],
      ['start -> say -> bye', 'say.error -> bye'],
    ),
  );
  if (checked.document === null || !checked.ok)
    throw new Error(`invalid test flow: ${JSON.stringify(checked.problems)}`);
  return checked.document;
}

/** espeak-ng (the built-in engine, under its own id), counting what it is asked to speak. */
export function countingSpeechEngine(): SpeechEngine & { readonly spoken: SpeechRequest[] } {
  const real = speechEngineFromEnv({});
  const spoken: SpeechRequest[] = [];
  return {
    id: real.id,
    spoken,
    voices: () => real.voices(),
    render: (request, signal) => {
      spoken.push(request);
      return real.render(request, signal);
    },
  };
}

/** An engine that is down: every rendering fails as an unreachable HTTP engine's would. */
export const unreachableSpeechEngine: SpeechEngine = {
  id: 'http:tts.example.com',
  voices: async () => [],
  render: async () => {
    throw new SpeechFailed(
      'http:tts.example.com',
      'unavailable',
      'The speech engine tts.example.com cannot be reached.',
    );
  },
};
