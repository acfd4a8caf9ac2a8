import type { PromptSummary, UpdatePromptBody } from '@callflow/contract';
import type { Database } from '@callflow/db';
import { catalogTransaction } from '../catalogTransaction.ts';
import { type CatalogActor, recordAudit } from '../recordAudit.ts';
import { findPrompt } from './findPrompt.ts';
import { refuseNameInUse, refuseTakenName } from './promptNameTaken.ts';
import { promptSummaryOf, promptWithAudio } from './promptViews.ts';

/**
 * Renames a prompt or changes its description, audited as `prompt_update`. Flows name prompts by id,
 * so a rename changes nothing they play. not_found, prompt_name_taken.
 */
export async function updatePrompt(
  db: Database,
  promptId: string,
  request: UpdatePromptBody,
  actor: CatalogActor,
): Promise<PromptSummary> {
  return refuseTakenName(request.name, () =>
    catalogTransaction(db, async (tx) => {
      const prompt = await findPrompt(tx, promptId);
      const renamed = request.name !== undefined && request.name !== prompt.name;
      if (renamed) await refuseNameInUse(tx, request.name ?? '');
      const updated = await tx.prompt.update({
        where: { id: prompt.id },
        data: { name: request.name, description: request.description },
        include: promptWithAudio,
      });
      await recordAudit(tx, {
        actor,
        action: 'prompt_update',
        target: prompt.id,
        details: {
          ...(renamed ? { from: prompt.name, name: request.name } : {}),
          ...(request.description !== undefined ? { description: request.description } : {}),
        },
      });
      return promptSummaryOf(updated);
    }),
  );
}
