import { type Database, isUniqueConstraintViolation } from '@callflow/db';
import { currentSchemaVersion, extension as extensionSchema, type FlowDocument } from '@callflow/flow';
import { CatalogError } from './CatalogError.ts';
import { takeCatalogLock } from './takeCatalogLock.ts';

export interface PublishRequest {
  name: string;
  document: FlowDocument;
  extension: string;
  note: string;
  author: string | null;
  /** Take the extension over even if another flow holds it. */
  replace: boolean;
}

export interface PublishResult {
  flowId: string;
  versionId: string;
  versionNumber: number;
  replacedFlow: string | null;
}

/**
 * Saves a validated document as the named flow's draft and as its next immutable version, and points
 * the extension at that version, all in one transaction: either everything changes or nothing does.
 */
export async function publishFlow(db: Database, request: PublishRequest): Promise<PublishResult> {
  const extension = extensionSchema.safeParse(request.extension);
  if (!extension.success)
    throw new CatalogError(`extension "${request.extension}": ${extension.error.issues[0]?.message}`);
  const text = JSON.stringify(request.document);
  try {
    return await db.prisma.$transaction(async (tx) => {
      await takeCatalogLock(tx, db.engine);
      const existingFlow = await tx.flow.findFirst({
        where: { name: request.name },
        orderBy: { createdAt: 'asc' },
      });
      const flow =
        existingFlow === null
          ? await tx.flow.create({ data: { name: request.name, document: text } })
          : await tx.flow.update({
              where: { id: existingFlow.id },
              data: { document: text, revision: { increment: 1 } },
            });
      const held = await tx.publication.findUnique({
        where: { extension: request.extension },
        include: { flowVersion: { include: { flow: true } } },
      });
      if (held !== null && held.flowId !== flow.id && !request.replace) {
        throw new CatalogError(
          `extension ${request.extension} runs flow "${held.flowVersion.flow.name}" (version ${held.flowVersion.number}); use --replace to take it over`,
        );
      }
      const last = await tx.flowVersion.findFirst({
        where: { flowId: flow.id },
        orderBy: { number: 'desc' },
      });
      const version = await tx.flowVersion.create({
        data: {
          flowId: flow.id,
          number: (last?.number ?? 0) + 1,
          document: text,
          schemaVersion: currentSchemaVersion,
          note: request.note,
          author: request.author,
        },
      });
      await tx.publication.upsert({
        where: { extension: request.extension },
        create: { extension: request.extension, flowId: flow.id, flowVersionId: version.id },
        update: { flowId: flow.id, flowVersionId: version.id, publishedAt: new Date() },
      });
      return {
        flowId: flow.id,
        versionId: version.id,
        versionNumber: version.number,
        replacedFlow: held !== null && held.flowId !== flow.id ? held.flowVersion.flow.name : null,
      };
    });
  } catch (error) {
    if (isUniqueConstraintViolation(error))
      throw new CatalogError('someone else published at the same moment; try again');
    throw error;
  }
}
