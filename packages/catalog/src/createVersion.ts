import type { VersionSummary } from '@callflow/contract';
import type { Database } from '@callflow/db';
import { CatalogError } from './CatalogError.ts';
import { catalogTransaction } from './catalogTransaction.ts';
import { createVersionFromDraft } from './createVersionFromDraft.ts';
import { findFlow } from './findFlow.ts';
import { versionSummaryOf } from './flowViews.ts';
import { type StaticSpeechOptions, withStaticSpeech } from './prompts/staticSpeech.ts';
import type { CatalogActor } from './recordAudit.ts';

/**
 * Snapshots the draft as the next version, authored by `actor`, with the audio it plays pinned. With
 * `revision`, stale_revision when the draft changed since; invalid_flow when the draft has errors;
 * speech_failed when a static say text cannot be spoken, and the other refusals of withStaticSpeech
 * (`options`: the text-to-speech engine, by default the environment's, the caller's signal, limits).
 */
export async function createVersion(
  db: Database,
  flowId: string,
  request: { readonly note: string; readonly revision?: number | undefined },
  actor: CatalogActor,
  options: StaticSpeechOptions = {},
): Promise<VersionSummary> {
  const version = await withStaticSpeech(options, (speech) =>
    catalogTransaction(db, async (tx) => {
      const flow = await findFlow(tx, flowId);
      if (request.revision !== undefined && request.revision !== flow.revision)
        throw CatalogError.staleRevision(flow.revision);
      return createVersionFromDraft(tx, flow, { note: request.note, author: actor }, speech);
    }),
  );
  return versionSummaryOf(version, []);
}
