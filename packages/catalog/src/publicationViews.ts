import type { HeldView, PublicationView } from '@callflow/contract';
import type { Prisma } from '@callflow/db';
import { CatalogError } from './CatalogError.ts';

/** What a publication is read with: its version's number and its flow's name. */
export const withFlow = { flowVersion: { include: { flow: { select: { name: true } } } } } as const;

export type PublicationWithFlow = Prisma.PublicationGetPayload<{ include: typeof withFlow }>;

export function publicationOf(row: PublicationWithFlow): PublicationView {
  return {
    extension: row.extension,
    flowId: row.flowId,
    flowName: row.flowVersion.flow.name,
    version: row.flowVersion.number,
    versionId: row.flowVersionId,
    publishedAt: row.publishedAt.toISOString(),
  };
}

export function heldOf(row: PublicationWithFlow): HeldView {
  return { flowId: row.flowId, flowName: row.flowVersion.flow.name, version: row.flowVersion.number };
}

/** The publication on an extension, or a not_published refusal. */
export async function findPublication(
  client: Prisma.TransactionClient,
  extension: string,
): Promise<PublicationWithFlow> {
  const held = await client.publication.findUnique({ where: { extension }, include: withFlow });
  if (held === null) throw CatalogError.notPublished(extension);
  return held;
}
