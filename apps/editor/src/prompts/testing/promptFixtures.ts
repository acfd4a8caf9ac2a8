import type { PromptAudio, PromptSummary } from '@callflow/contract';

const when = '2026-03-02T10:00:00.000Z';

/** A waveform that rises and falls, like a short sentence. */
export const samplePeaks = Array.from({ length: 120 }, (_, index) => Math.abs(Math.sin(index / 9)) * 0.8);

export function promptAudio(language: string, change: Partial<PromptAudio> = {}): PromptAudio {
  return {
    language,
    source: 'upload',
    hash: `${language}${'a'.repeat(64)}`.slice(0, 64),
    durationMs: 2300,
    peaks: samplePeaks,
    speechText: null,
    voice: null,
    fileName: 'welcome.mp3',
    updatedAt: when,
    ...change,
  };
}

export function libraryPrompt(
  id: string,
  name: string,
  audio: PromptAudio[] = [],
  description = '',
): PromptSummary {
  return { id, name, description, createdAt: when, updatedAt: when, audio };
}
