import type { PromptDetail, PromptUsage, PromptVersionUse } from '@callflow/contract';
import type { Database, Prisma } from '@callflow/db';
import { findPrompt } from './findPrompt.ts';
import { promptIdsOfDocument } from './promptIdsOfDocument.ts';
import { promptSummaryOf } from './promptViews.ts';

/** The drafts naming the prompt: a text search first (ids are plain), then each match parsed to be sure. */
async function draftsUsing(
  client: Prisma.TransactionClient,
  promptId: string,
): Promise<PromptUsage['drafts']> {
  const candidates = await client.flow.findMany({
    where: { document: { contains: promptId } },
    select: { id: true, name: true, document: true },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
  });
  return candidates
    .filter((flow) => promptIdsOfDocument(flow.document).includes(promptId))
    .map((flow) => ({ flowId: flow.id, flowName: flow.name }));
}

/** The versions that pinned the prompt's audio, newest first, with the extensions where each is live. */
async function versionsUsing(
  client: Prisma.TransactionClient,
  promptId: string,
): Promise<PromptVersionUse[]> {
  const pinned = await client.versionAudio.findMany({
    where: { kind: 'prompt', key: promptId },
    select: {
      language: true,
      version: {
        select: {
          id: true,
          number: true,
          createdAt: true,
          flowId: true,
          flow: { select: { name: true } },
          publications: { select: { extension: true }, orderBy: { extension: 'asc' } },
        },
      },
    },
  });
  const byVersion = new Map<string, { use: PromptVersionUse; createdAt: Date }>();
  for (const { language, version } of pinned) {
    const entry = byVersion.get(version.id) ?? {
      createdAt: version.createdAt,
      use: {
        flowId: version.flowId,
        flowName: version.flow.name,
        number: version.number,
        languages: [],
        liveOn: version.publications.map((publication) => publication.extension),
      },
    };
    entry.use.languages.push(language);
    byVersion.set(version.id, entry);
  }
  return [...byVersion.values()]
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.use.number - a.use.number)
    .map(({ use }) => ({ ...use, languages: use.languages.sort() }));
}

/** A prompt with where it is used: drafts naming it, versions that pinned it, and where those are live. */
export async function getPrompt(db: Database, promptId: string): Promise<PromptDetail> {
  const prompt = await findPrompt(db.prisma, promptId);
  const versions = await versionsUsing(db.prisma, prompt.id);
  const liveOn = [...new Set(versions.flatMap((version) => version.liveOn))].sort();
  return {
    ...promptSummaryOf(prompt),
    usage: { drafts: await draftsUsing(db.prisma, prompt.id), versions, liveOn },
  };
}
