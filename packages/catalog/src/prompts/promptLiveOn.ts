import type { Prisma } from '@callflow/db';

/** The extensions whose live version pinned the prompt's audio (what deleting it would take from them). */
export async function promptLiveOn(client: Prisma.TransactionClient, promptId: string): Promise<string[]> {
  const publications = await client.publication.findMany({
    where: { flowVersion: { is: { audio: { some: { kind: 'prompt', key: promptId } } } } },
    select: { extension: true },
    orderBy: { extension: 'asc' },
  });
  return publications.map((publication) => publication.extension);
}
