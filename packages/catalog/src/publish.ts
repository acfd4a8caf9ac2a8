import type { HeldView, PublicationView } from '@callflow/contract';
import type { Database, Flow, Prisma } from '@callflow/db';
import { extension as extensionSchema, type FlowDocument, flowDocument } from '@callflow/flow';
import { CatalogError } from './CatalogError.ts';
import { catalogTransaction } from './catalogTransaction.ts';
import { createVersionFromDraft } from './createVersionFromDraft.ts';
import { type FlowReference, findFlowByReference } from './findFlow.ts';
import { type StaticSpeech, type StaticSpeechOptions, withStaticSpeech } from './prompts/staticSpeech.ts';
import { heldOf, type PublicationWithFlow, publicationOf, withFlow } from './publicationViews.ts';
import { type CatalogActor, recordAudit } from './recordAudit.ts';

/** What goes live on the extension. */
export type PublishSource =
  /** An existing version of the flow. */
  | { readonly kind: 'version'; readonly number: number }
  /** The flow's draft as its next version; with `revision`, only if the draft is still at it. */
  | { readonly kind: 'draft'; readonly revision?: number | undefined }
  /**
   * A document (a flow file: the CLI, the e2e harness) saved as the flow's draft, then as its next
   * version. A flow named by a name that names no flow is created.
   */
  | { readonly kind: 'document'; readonly document: FlowDocument };

export interface PublishRequest {
  readonly extension: string;
  readonly flow: FlowReference;
  readonly source: PublishSource;
  /** The note of a version made by this publish, and of the audit entry. */
  readonly note: string;
  /** Take the extension over even if another flow holds it. */
  readonly replace: boolean;
}

export interface PublishResult {
  readonly publication: PublicationView;
  /** Whether this publish made a new version (from the draft or the document). */
  readonly createdVersion: boolean;
  /** What the extension ran before, if anything. */
  readonly previous: HeldView | null;
  /** The published version's document (null only if a stored version no longer parses). */
  readonly document: FlowDocument | null;
}

function extensionTaken(extension: string, held: PublicationWithFlow): CatalogError {
  return new CatalogError(
    `extension ${extension} runs flow "${held.flowVersion.flow.name}" (version ${held.flowVersion.number})`,
    { code: 'extension_taken', extension, heldBy: heldOf(held) },
  );
}

function missingFlow(reference: FlowReference): CatalogError {
  return CatalogError.notFound('id' in reference ? `flow ${reference.id}` : `flow "${reference.name}"`);
}

/** The version to point the extension at: an existing one, or the next one made here. */
async function versionToPublish(
  tx: Prisma.TransactionClient,
  found: Flow | null,
  request: PublishRequest,
  actor: CatalogActor,
  speech: StaticSpeech,
): Promise<{ id: string; flowId: string; document: string; created: boolean }> {
  const { source, flow: reference } = request;
  if (source.kind === 'document') {
    const text = JSON.stringify(source.document);
    let flow: Flow;
    if (found !== null)
      flow = await tx.flow.update({
        where: { id: found.id },
        data: { document: text, revision: { increment: 1 } },
      });
    else if ('name' in reference)
      flow = await tx.flow.create({ data: { name: reference.name, document: text } });
    else throw missingFlow(reference);
    return {
      ...(await createVersionFromDraft(tx, flow, { note: request.note, author: actor }, speech)),
      created: true,
    };
  }
  if (found === null) throw missingFlow(reference);
  if (source.kind === 'draft') {
    if (source.revision !== undefined && source.revision !== found.revision)
      throw CatalogError.staleRevision(found.revision);
    return {
      ...(await createVersionFromDraft(tx, found, { note: request.note, author: actor }, speech)),
      created: true,
    };
  }
  const existing = await tx.flowVersion.findUnique({
    where: { flowId_number: { flowId: found.id, number: source.number } },
    select: { id: true, flowId: true, document: true },
  });
  if (existing === null) throw CatalogError.notFound(`version ${source.number} of flow "${found.name}"`);
  return { ...existing, created: false };
}

function parsedDocument(text: string): FlowDocument | null {
  const parsed = flowDocument.safeParse(JSON.parse(text));
  return parsed.success ? parsed.data : null;
}

/**
 * Points an extension at a version of a flow (an existing one, or one made here of the draft or of a
 * document), in one transaction under the catalog lock, with a `publish` audit entry for `actor`.
 * Refusals: invalid_extension (the dialplan cannot route it), not_found (flow or version),
 * extension_taken (another flow holds it and `replace` is not set), stale_revision, invalid_flow (the
 * draft or document has errors), ambiguous_flow_name (a name that names several flows),
 * speech_failed (a version made here has a static say text the engine cannot speak) and the other
 * refusals of withStaticSpeech (`options`: the text-to-speech engine, by default the environment's,
 * the caller's signal, limits).
 */
export async function publish(
  db: Database,
  request: PublishRequest,
  actor: CatalogActor,
  options: StaticSpeechOptions = {},
): Promise<PublishResult> {
  const { extension } = request;
  const routable = extensionSchema.safeParse(extension);
  if (!routable.success) {
    throw new CatalogError(`extension "${extension}": ${routable.error.issues[0]?.message}`, {
      code: 'invalid_extension',
      extension,
    });
  }
  return withStaticSpeech(options, (speech) => publishIn(db, request, actor, speech));
}

async function publishIn(
  db: Database,
  request: PublishRequest,
  actor: CatalogActor,
  speech: StaticSpeech,
): Promise<PublishResult> {
  const { extension } = request;
  return catalogTransaction(db, async (tx) => {
    const found = await findFlowByReference(tx, request.flow);
    const held = await tx.publication.findUnique({ where: { extension }, include: withFlow });
    if (held !== null && held.flowId !== found?.id && !request.replace) throw extensionTaken(extension, held);
    const version = await versionToPublish(tx, found, request, actor, speech);
    const publication = publicationOf(
      await tx.publication.upsert({
        where: { extension },
        create: { extension, flowId: version.flowId, flowVersionId: version.id },
        update: { flowId: version.flowId, flowVersionId: version.id, publishedAt: new Date() },
        include: withFlow,
      }),
    );
    const previous = held === null ? null : heldOf(held);
    await recordAudit(tx, {
      actor,
      action: 'publish',
      target: extension,
      details: {
        flowId: publication.flowId,
        flowName: publication.flowName,
        version: publication.version,
        createdVersion: version.created,
        previous,
        replaced: previous !== null && previous.flowId !== publication.flowId,
        ...(request.note === '' ? {} : { note: request.note }),
      },
    });
    return {
      publication,
      createdVersion: version.created,
      previous,
      document: parsedDocument(version.document),
    };
  });
}
