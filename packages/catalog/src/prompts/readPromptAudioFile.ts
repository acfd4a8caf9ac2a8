import type { Database } from '@callflow/db';
import { CatalogError } from '../CatalogError.ts';

/**
 * The WAV file of a prompt's current audio in a language: 8 kHz (`wav`, as callers hear it) or
 * 16 kHz (`wav16`). not_found when the prompt has no audio in that language.
 */
export async function readPromptAudioFile(
  db: Database,
  target: { readonly promptId: string; readonly language: string },
  format: 'wav' | 'wav16',
): Promise<{ file: Buffer; hash: string }> {
  const found = await db.prisma.promptAudio.findUnique({
    where: { promptId_language: { promptId: target.promptId, language: target.language } },
    select: {
      audioHash: true,
      audio: { select: { narrowband: format === 'wav', wideband: format === 'wav16' } },
    },
  });
  const bytes = format === 'wav' ? found?.audio.narrowband : found?.audio.wideband;
  if (found === null || bytes === undefined)
    throw CatalogError.notFound(`the audio of prompt ${target.promptId} in language ${target.language}`);
  return { file: Buffer.from(bytes), hash: found.audioHash };
}
