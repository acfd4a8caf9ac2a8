import type { Database } from '@callflow/db';
import { type FlowExport, toFlowExport } from '@callflow/flow';
import { CatalogError } from './CatalogError.ts';
import { findFlow, findFlowByIdOrName } from './findFlow.ts';
import { storedDraft } from './flowViews.ts';

/**
 * A flow file (format callflow.flow, schemaVersion, name, document) of a flow's draft, or of its
 * version `version`: what the API's export route and `callflow export` write. The flow is named by id,
 * or (`idOrName`, the CLI's convenience) by an id or a name that names exactly one flow.
 */
export async function exportFlow(
  db: Database,
  request: {
    readonly flow: { readonly id: string } | { readonly idOrName: string };
    readonly version?: number;
  },
): Promise<{ name: string; file: FlowExport }> {
  const { prisma } = db;
  const flow =
    'id' in request.flow
      ? await findFlow(prisma, request.flow.id)
      : await findFlowByIdOrName(prisma, request.flow.idOrName);
  // The draft as GET /flows/:id gives it (a damaged row is reported, not exported).
  if (request.version === undefined)
    return { name: flow.name, file: toFlowExport(flow.name, storedDraft(flow)) };
  const version = await prisma.flowVersion.findUnique({
    where: { flowId_number: { flowId: flow.id, number: request.version } },
    select: { document: true },
  });
  if (version === null) throw CatalogError.notFound(`version ${request.version} of flow "${flow.name}"`);
  return { name: flow.name, file: toFlowExport(flow.name, JSON.parse(version.document)) };
}
