import type { CreatePromptBody, PromptSummary } from '@callflow/contract';
import type { Database } from '@callflow/db';
import { catalogTransaction } from '../catalogTransaction.ts';
import { type CatalogActor, recordAudit } from '../recordAudit.ts';
import { refuseNameInUse, refuseTakenName } from './promptNameTaken.ts';
import { promptSummaryOf, promptWithAudio } from './promptViews.ts';

/** Creates a library prompt without audio, audited as `prompt_create`; prompt_name_taken when the name is in use. */
export async function createPrompt(
  db: Database,
  request: CreatePromptBody,
  actor: CatalogActor,
): Promise<PromptSummary> {
  return refuseTakenName(request.name, () =>
    catalogTransaction(db, async (tx) => {
      await refuseNameInUse(tx, request.name);
      const prompt = await tx.prompt.create({
        data: { name: request.name, description: request.description },
        include: promptWithAudio,
      });
      await recordAudit(tx, {
        actor,
        action: 'prompt_create',
        target: prompt.id,
        details: { name: prompt.name },
      });
      return promptSummaryOf(prompt);
    }),
  );
}
