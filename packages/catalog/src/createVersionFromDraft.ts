import type { Flow, FlowVersion, Prisma } from '@callflow/db';
import { currentSchemaVersion, validateFlow } from '@callflow/flow';
import { CatalogError } from './CatalogError.ts';
import { errorProblems } from './flowProblems.ts';
import type { CatalogActor } from './recordAudit.ts';

/**
 * Snapshots the flow's draft as its next numbered version: the one place versions are numbered.
 * Refused with invalid_flow listing every error (paths into the draft document) when the draft does
 * not validate: a version is what gets published, so it must be runnable. Call inside
 * catalogTransaction, which serialises the numbering.
 */
export async function createVersionFromDraft(
  tx: Prisma.TransactionClient,
  flow: Flow,
  version: { readonly note: string; readonly author: CatalogActor },
): Promise<FlowVersion> {
  const validation = validateFlow(JSON.parse(flow.document));
  if (!validation.ok || validation.document === null) {
    const problems = errorProblems(validation.problems, '');
    throw new CatalogError(
      `the draft of flow "${flow.name}" has ${problems.length} error${problems.length === 1 ? '' : 's'}; fix ${problems.length === 1 ? 'it' : 'them'} first`,
      { code: 'invalid_flow', problems },
    );
  }
  const last = await tx.flowVersion.findFirst({
    where: { flowId: flow.id },
    orderBy: { number: 'desc' },
    select: { number: true },
  });
  return tx.flowVersion.create({
    data: {
      flowId: flow.id,
      number: (last?.number ?? 0) + 1,
      document: JSON.stringify(validation.document),
      schemaVersion: currentSchemaVersion,
      note: version.note,
      author: version.author,
    },
  });
}
