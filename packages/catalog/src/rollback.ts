import type { PublicationView } from '@callflow/contract';
import type { Database } from '@callflow/db';
import { CatalogError } from './CatalogError.ts';
import { catalogTransaction } from './catalogTransaction.ts';
import { findPublication, publicationOf, withFlow } from './publicationViews.ts';
import { type CatalogActor, recordAudit } from './recordAudit.ts';

/**
 * Points an extension back at an older version of the flow it runs, audited as `rollback`.
 * not_published when nothing is live there, not_older unless `version` is older than the live one,
 * not_found when the flow has no such version.
 */
export async function rollback(
  db: Database,
  extension: string,
  version: number,
  actor: CatalogActor,
): Promise<{ publication: PublicationView; previousVersion: number }> {
  return catalogTransaction(db, async (tx) => {
    const held = await findPublication(tx, extension);
    const live = held.flowVersion.number;
    if (version >= live) {
      throw new CatalogError(
        `extension ${extension} runs version ${live} of flow "${held.flowVersion.flow.name}": ${live > 1 ? `roll back to one of versions 1 to ${live - 1}` : 'there is no older version'}, or publish version ${version} instead`,
        { code: 'not_older', liveVersion: live },
      );
    }
    const target = await tx.flowVersion.findUnique({
      where: { flowId_number: { flowId: held.flowId, number: version } },
      select: { id: true },
    });
    if (target === null)
      throw CatalogError.notFound(`version ${version} of flow "${held.flowVersion.flow.name}"`);
    const publication = publicationOf(
      await tx.publication.update({
        where: { extension },
        data: { flowVersionId: target.id, publishedAt: new Date() },
        include: withFlow,
      }),
    );
    await recordAudit(tx, {
      actor,
      action: 'rollback',
      target: extension,
      details: {
        flowId: publication.flowId,
        flowName: publication.flowName,
        from: live,
        to: publication.version,
      },
    });
    return { publication, previousVersion: live };
  });
}
