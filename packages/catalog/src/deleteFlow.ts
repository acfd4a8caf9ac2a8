import { type Database, Prisma } from '@callflow/db';
import { CatalogError } from './CatalogError.ts';
import { catalogTransaction } from './catalogTransaction.ts';
import { findFlow } from './findFlow.ts';
import { deleteUnusedAudio } from './prompts/deleteUnusedAudio.ts';
import { type CatalogActor, recordAudit } from './recordAudit.ts';

function isForeignKeyViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2003';
}

function flowPublished(name: string, extensions: readonly string[]): CatalogError {
  return new CatalogError(
    `flow "${name}" is live on extension${extensions.length === 1 ? '' : 's'} ${extensions.join(', ')}; unpublish ${extensions.length === 1 ? 'it' : 'them'} first`,
    { code: 'flow_published', extensions },
  );
}

/**
 * Deletes a flow and its versions (and the audio only they pinned), audited as `flow_delete`; refused (flow_published) while an
 * extension runs one of its versions.
 */
export async function deleteFlow(
  db: Database,
  flowId: string,
  actor: CatalogActor,
): Promise<{ name: string; versions: number }> {
  try {
    return await catalogTransaction(db, async (tx) => {
      const flow = await findFlow(tx, flowId);
      const live = await tx.publication.findMany({
        where: { flowId: flow.id },
        select: { extension: true },
        orderBy: { extension: 'asc' },
      });
      if (live.length > 0)
        throw flowPublished(
          flow.name,
          live.map((publication) => publication.extension),
        );
      const versions = await tx.flowVersion.count({ where: { flowId: flow.id } });
      // The delete cascades to what its versions pinned: audio nothing else plays goes with them.
      const pinned = await tx.versionAudio.findMany({
        where: { version: { flowId: flow.id } },
        select: { audioHash: true },
        distinct: ['audioHash'],
      });
      await tx.flow.delete({ where: { id: flow.id } });
      await deleteUnusedAudio(
        tx,
        pinned.map((row) => row.audioHash),
      );
      await recordAudit(tx, {
        actor,
        action: 'flow_delete',
        target: flow.id,
        details: { name: flow.name, versions },
      });
      return { name: flow.name, versions };
    });
  } catch (error) {
    // Published meanwhile by a writer that does not take the catalog lock (an older CLI): the
    // publication's foreign key refuses the delete.
    if (!isForeignKeyViolation(error)) throw error;
    const live = await db.prisma.publication.findMany({ where: { flowId }, orderBy: { extension: 'asc' } });
    throw flowPublished(
      flowId,
      live.map((publication) => publication.extension),
    );
  }
}
