import type { Flow, Prisma } from '@callflow/db';
import { CatalogError } from './CatalogError.ts';

/**
 * How a caller names a flow: by id (what the API and the editor use), or by name, a convenience of
 * the CLI that holds only while the name is unique (flow names are not).
 */
export type FlowReference = { readonly id: string } | { readonly name: string };

/** The flow with this id, or a not_found refusal naming it. */
export async function findFlow(client: Prisma.TransactionClient, flowId: string): Promise<Flow> {
  const flow = await client.flow.findUnique({ where: { id: flowId } });
  if (flow === null) throw CatalogError.notFound(`flow ${flowId}`);
  return flow;
}

/** The flows with exactly this name, oldest first (ids only, to refuse an ambiguous name). */
async function flowsNamed(client: Prisma.TransactionClient, name: string): Promise<Flow[]> {
  return client.flow.findMany({ where: { name }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], take: 20 });
}

/**
 * The flow a reference names. An id must exist (not_found). A name must name one flow: none gives
 * null (the caller may create it), several an ambiguous_flow_name refusal listing their ids.
 */
export async function findFlowByReference(
  client: Prisma.TransactionClient,
  reference: FlowReference,
): Promise<Flow | null> {
  if ('id' in reference) return findFlow(client, reference.id);
  const named = await flowsNamed(client, reference.name);
  if (named.length <= 1) return named[0] ?? null;
  const flowIds = named.map((flow) => flow.id);
  throw new CatalogError(
    `${flowIds.length === 20 ? 'at least 20' : flowIds.length} flows are named "${reference.name}" (ids ${flowIds.join(', ')}); name the one you mean by its id`,
    { code: 'ambiguous_flow_name', name: reference.name, flowIds },
  );
}

/**
 * The flow with this id, or else the one flow with this name (the CLI's `export <flow>`): not_found
 * when neither exists, ambiguous_flow_name when the name names several.
 */
export async function findFlowByIdOrName(client: Prisma.TransactionClient, idOrName: string): Promise<Flow> {
  const byId = await client.flow.findUnique({ where: { id: idOrName } });
  if (byId !== null) return byId;
  const byName = await findFlowByReference(client, { name: idOrName });
  if (byName === null)
    throw new CatalogError(`no flow named or with id "${idOrName}"`, { code: 'not_found' });
  return byName;
}
