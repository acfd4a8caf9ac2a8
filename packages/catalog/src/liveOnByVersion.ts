import type { Prisma } from '@callflow/db';

/** Extensions running each of a flow's versions, by version id. */
export async function liveOnByVersion(
  client: Prisma.TransactionClient,
  flowId: string,
): Promise<Map<string, string[]>> {
  const publications = await client.publication.findMany({
    where: { flowId },
    orderBy: { extension: 'asc' },
  });
  const byVersion = new Map<string, string[]>();
  for (const publication of publications) {
    const list = byVersion.get(publication.flowVersionId) ?? [];
    list.push(publication.extension);
    byVersion.set(publication.flowVersionId, list);
  }
  return byVersion;
}
