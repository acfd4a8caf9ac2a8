import type { Database } from '@callflow/db';
import { CatalogError } from '../CatalogError.ts';
import { catalogTransaction } from '../catalogTransaction.ts';
import { type CatalogActor, recordAudit } from '../recordAudit.ts';
import { deleteUnusedAudio } from './deleteUnusedAudio.ts';
import { findPrompt } from './findPrompt.ts';
import { promptLiveOn } from './promptLiveOn.ts';

/**
 * Deletes a library prompt and its audio, audited as `prompt_delete`. Refused (prompt_in_use, naming
 * the extensions) while a live version plays it; versions that are not live keep the audio they pinned,
 * so rolling back to one still plays it. Drafts naming it show the missing prompt as an error.
 */
export async function deletePrompt(db: Database, promptId: string, actor: CatalogActor): Promise<void> {
  await catalogTransaction(db, async (tx) => {
    const prompt = await findPrompt(tx, promptId);
    const extensions = await promptLiveOn(tx, prompt.id);
    if (extensions.length > 0) {
      const list = extensions.join(', ');
      throw new CatalogError(
        `Callers on extension${extensions.length === 1 ? '' : 's'} ${list} still hear "${prompt.name}". Publish the flow there without it, or take the extension offline, then delete it.`,
        { code: 'prompt_in_use', extensions },
      );
    }
    await tx.prompt.delete({ where: { id: prompt.id } });
    await deleteUnusedAudio(
      tx,
      prompt.audio.map((audio) => audio.audioHash),
    );
    await recordAudit(tx, {
      actor,
      action: 'prompt_delete',
      target: prompt.id,
      details: { name: prompt.name, languages: prompt.audio.map((audio) => audio.language) },
    });
  });
}
