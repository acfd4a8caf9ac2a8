import type { Database } from '@callflow/db';
import { CatalogError } from './CatalogError.ts';
import { takeCatalogLock } from './takeCatalogLock.ts';

/** Takes an extension offline; the dialplan rejects new calls to it once the runtime notices (< 1 s). */
export async function unpublishExtension(
  db: Database,
  extension: string,
): Promise<{ flowName: string; versionNumber: number }> {
  return db.prisma.$transaction(async (tx) => {
    await takeCatalogLock(tx, db.engine);
    const held = await tx.publication.findUnique({
      where: { extension },
      include: { flowVersion: { include: { flow: true } } },
    });
    if (held === null) throw new CatalogError(`nothing is published on extension ${extension}`);
    await tx.publication.delete({ where: { extension } });
    return { flowName: held.flowVersion.flow.name, versionNumber: held.flowVersion.number };
  });
}
