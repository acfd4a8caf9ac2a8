import type { Flow, FlowVersion, Prisma } from '@callflow/db';
import { currentSchemaVersion, validateFlow } from '@callflow/flow';
import { CatalogError } from './CatalogError.ts';
import { errorProblems } from './flowProblems.ts';
import { pinVersionAudio } from './prompts/pinVersionAudio.ts';
import { promptLibrary } from './prompts/promptLibrary.ts';
import type { StaticSpeech } from './prompts/staticSpeech.ts';
import type { CatalogActor } from './recordAudit.ts';

/**
 * Snapshots the flow's draft as its next numbered version: the one place versions are numbered, and
 * where a version pins the audio it plays (library prompts, static speech: pinVersionAudio).
 * Refused with invalid_flow listing every error (paths into the draft document) when the draft does
 * not validate, a library prompt it names included: a version is what gets published, so it must be
 * runnable. Call inside catalogTransaction (which serialises the numbering), inside withStaticSpeech.
 */
export async function createVersionFromDraft(
  tx: Prisma.TransactionClient,
  flow: Flow,
  version: { readonly note: string; readonly author: CatalogActor },
  speech: StaticSpeech,
): Promise<FlowVersion> {
  const validation = validateFlow(JSON.parse(flow.document), { prompts: await promptLibrary(tx) });
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
  const created = await tx.flowVersion.create({
    data: {
      flowId: flow.id,
      number: (last?.number ?? 0) + 1,
      document: JSON.stringify(validation.document),
      schemaVersion: currentSchemaVersion,
      note: version.note,
      author: version.author,
    },
  });
  await pinVersionAudio(tx, created.id, validation.document, speech);
  return created;
}
