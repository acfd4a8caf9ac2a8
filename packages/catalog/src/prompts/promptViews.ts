import type { PromptAudio, PromptSummary } from '@callflow/contract';
import type { Prisma } from '@callflow/db';
import { z } from 'zod';

/** What a prompt summary reads besides the prompt: each language's audio, without its bytes. */
export const promptWithAudio = {
  audio: {
    include: { audio: { select: { durationMs: true, peaks: true } } },
    orderBy: { language: 'asc' },
  },
} as const satisfies Prisma.PromptInclude;

export type PromptWithAudio = Prisma.PromptGetPayload<{ include: typeof promptWithAudio }>;

const storedPeaks = z.array(z.number());
const storedSource = z.enum(['upload', 'recording', 'speech']);

function audioOf(row: PromptWithAudio['audio'][number]): PromptAudio {
  const peaks = storedPeaks.safeParse(JSON.parse(row.audio.peaks));
  return {
    language: row.language,
    source: storedSource.parse(row.source),
    hash: row.audioHash,
    durationMs: row.audio.durationMs,
    peaks: peaks.success ? peaks.data : [],
    speechText: row.speechText,
    voice: row.voice,
    fileName: row.fileName,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** A prompt as the API shows it: its audio per language, sorted by language. */
export function promptSummaryOf(prompt: PromptWithAudio): PromptSummary {
  return {
    id: prompt.id,
    name: prompt.name,
    description: prompt.description,
    createdAt: prompt.createdAt.toISOString(),
    updatedAt: prompt.updatedAt.toISOString(),
    audio: prompt.audio.map(audioOf),
  };
}
