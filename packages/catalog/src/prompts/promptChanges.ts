import type { PromptChange, PromptChangesResponse } from '@callflow/contract';
import type { Database } from '@callflow/db';
import { findFlow } from '../findFlow.ts';
import { promptIdsOfDocument } from './promptIdsOfDocument.ts';

/** Languages of `now` whose hash differs from `then`, and those only one of them has. */
function languageChanges(
  then: ReadonlyMap<string, string>,
  now: ReadonlyMap<string, string>,
): Pick<PromptChange, 'changed' | 'added' | 'removed'> {
  const sorted = (languages: Iterable<string>) => [...languages].sort();
  return {
    changed: sorted(
      [...now]
        .filter(([language, hash]) => then.has(language) && then.get(language) !== hash)
        .map(([language]) => language),
    ),
    added: sorted([...now.keys()].filter((language) => !then.has(language))),
    removed: sorted([...then.keys()].filter((language) => !now.has(language))),
  };
}

/**
 * What publishing the flow's draft on `extension` changes in the library prompts it plays: for each
 * prompt both the draft and the live version name, the languages whose audio was replaced, added or
 * removed since the live version pinned it. Prompts only one of them names are changes of the flow,
 * not of the prompts, and are not listed. not_found when the flow does not exist.
 */
export async function promptChanges(
  db: Database,
  flowId: string,
  extension: string,
): Promise<PromptChangesResponse> {
  const flow = await findFlow(db.prisma, flowId);
  const live = await db.prisma.publication.findUnique({
    where: { extension },
    select: {
      flowVersion: {
        select: { id: true, number: true, document: true, flowId: true, flow: { select: { name: true } } },
      },
    },
  });
  if (live === null) return { extension, liveVersion: null, changes: [] };
  const version = live.flowVersion;
  const liveIds = new Set(promptIdsOfDocument(version.document));
  const shared = promptIdsOfDocument(flow.document).filter((id) => liveIds.has(id));
  const pinned = await db.prisma.versionAudio.findMany({
    where: { versionId: version.id, kind: 'prompt', key: { in: shared } },
    select: { key: true, language: true, audioHash: true },
  });
  const prompts = await db.prisma.prompt.findMany({
    where: { id: { in: shared } },
    select: { id: true, name: true, audio: { select: { language: true, audioHash: true } } },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
  });
  const changes: PromptChange[] = [];
  for (const prompt of prompts) {
    const then = new Map(
      pinned.filter((row) => row.key === prompt.id).map((row) => [row.language, row.audioHash]),
    );
    const now = new Map(prompt.audio.map((audio) => [audio.language, audio.audioHash]));
    const change = languageChanges(then, now);
    if (change.changed.length + change.added.length + change.removed.length > 0)
      changes.push({ promptId: prompt.id, name: prompt.name, ...change });
  }
  return {
    extension,
    liveVersion: { flowId: version.flowId, flowName: version.flow.name, number: version.number },
    changes,
  };
}
