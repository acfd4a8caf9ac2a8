import type { Database } from '@callflow/db';
import { CatalogError } from '../CatalogError.ts';
import { catalogTransaction } from '../catalogTransaction.ts';
import { type CatalogActor, recordAudit } from '../recordAudit.ts';
import { deleteUnusedAudio } from './deleteUnusedAudio.ts';
import { findPrompt } from './findPrompt.ts';

/**
 * Removes a prompt's audio in one language, audited as `prompt_audio_delete`; published versions keep
 * what they pinned. not_found when the prompt, or its audio in that language, does not exist.
 */
export async function deletePromptAudio(
  db: Database,
  target: { readonly promptId: string; readonly language: string },
  actor: CatalogActor,
): Promise<void> {
  await catalogTransaction(db, async (tx) => {
    const prompt = await findPrompt(tx, target.promptId);
    const audio = prompt.audio.find((existing) => existing.language === target.language);
    if (audio === undefined)
      throw CatalogError.notFound(`the audio of prompt "${prompt.name}" in language ${target.language}`);
    await tx.promptAudio.delete({
      where: { promptId_language: { promptId: prompt.id, language: target.language } },
    });
    await tx.prompt.update({ where: { id: prompt.id }, data: { updatedAt: new Date() } });
    await deleteUnusedAudio(tx, [audio.audioHash]);
    await recordAudit(tx, {
      actor,
      action: 'prompt_audio_delete',
      target: prompt.id,
      details: { name: prompt.name, language: target.language, hash: audio.audioHash },
    });
  });
}
