import type { PromptAudioSource, PromptSummary } from '@callflow/contract';
import type { Database } from '@callflow/db';
import { catalogTransaction } from '../catalogTransaction.ts';
import { type CatalogActor, recordAudit } from '../recordAudit.ts';
import { deleteUnusedAudio } from './deleteUnusedAudio.ts';
import { findPrompt } from './findPrompt.ts';
import { promptSummaryOf, promptWithAudio } from './promptViews.ts';
import { type AudioToStore, storeAudio } from './storeAudio.ts';

/** Where a prompt's audio came from, as the library shows it. */
export type PromptAudioOrigin =
  | { readonly source: Exclude<PromptAudioSource, 'speech'>; readonly fileName: string | null }
  | { readonly source: 'speech'; readonly speechText: string; readonly voice: string | null };

/**
 * Makes `audio` (already converted) the prompt's audio in `language`, replacing what it had, audited as
 * `prompt_audio_set`; the clip and the change are stored together or not at all. Published versions
 * keep the audio they pinned; the replaced clip is deleted when nothing plays it any more. not_found.
 */
export async function setPromptAudio(
  db: Database,
  target: { readonly promptId: string; readonly language: string },
  audio: AudioToStore,
  origin: PromptAudioOrigin,
  actor: CatalogActor,
): Promise<PromptSummary> {
  const { promptId, language } = target;
  const details = {
    source: origin.source,
    fileName: origin.source === 'speech' ? null : origin.fileName,
    speechText: origin.source === 'speech' ? origin.speechText : null,
    voice: origin.source === 'speech' ? origin.voice : null,
  };
  return catalogTransaction(db, async (tx) => {
    const prompt = await findPrompt(tx, promptId);
    const previous = prompt.audio.find((existing) => existing.language === language);
    await storeAudio(tx, audio);
    await tx.promptAudio.upsert({
      where: { promptId_language: { promptId: prompt.id, language } },
      create: { promptId: prompt.id, language, audioHash: audio.hash, ...details },
      update: { audioHash: audio.hash, ...details },
    });
    // The prompt's updatedAt says when anything about it last changed.
    const updated = await tx.prompt.update({
      where: { id: prompt.id },
      data: { updatedAt: new Date() },
      include: promptWithAudio,
    });
    if (previous !== undefined && previous.audioHash !== audio.hash)
      await deleteUnusedAudio(tx, [previous.audioHash]);
    await recordAudit(tx, {
      actor,
      action: 'prompt_audio_set',
      target: prompt.id,
      details: { name: prompt.name, language, hash: audio.hash, durationMs: audio.durationMs, ...details },
    });
    return promptSummaryOf(updated);
  });
}
