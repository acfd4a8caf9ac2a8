import type { Prisma } from '@callflow/db';
import { type FlowDocument, libraryPromptIds, speechTexts } from '@callflow/flow';
import { speechKey } from '@callflow/media';
import { CatalogError } from '../CatalogError.ts';
import { SpeechNotRendered, type StaticSpeech } from './staticSpeech.ts';
import { storeAudio } from './storeAudio.ts';

type VersionAudioRow = Prisma.VersionAudioCreateManyInput;

/** Every language of every library prompt the document names; a prompt that does not exist refuses the version. */
async function promptRows(
  tx: Prisma.TransactionClient,
  versionId: string,
  document: FlowDocument,
): Promise<VersionAudioRow[]> {
  const ids = libraryPromptIds(document);
  if (ids.length === 0) return [];
  const prompts = await tx.prompt.findMany({
    where: { id: { in: ids } },
    select: { id: true, audio: { select: { language: true, audioHash: true } } },
  });
  const missing = ids.filter((id) => !prompts.some((prompt) => prompt.id === id));
  if (missing.length > 0) {
    const message = `the flow plays library prompt${missing.length === 1 ? '' : 's'} ${missing.join(', ')}, which no longer exist${missing.length === 1 ? 's' : ''}; choose another prompt`;
    throw new CatalogError(message, {
      code: 'invalid_flow',
      problems: missing.map((id) => ({
        severity: 'error',
        code: 'unknown-prompt',
        message: `the prompt ${id} no longer exists; choose another`,
        nodeId: null,
        edgeId: null,
        path: '',
      })),
    });
  }
  return prompts.flatMap((prompt) =>
    prompt.audio.map((audio) => ({
      versionId,
      kind: 'prompt',
      key: prompt.id,
      language: audio.language,
      audioHash: audio.audioHash,
    })),
  );
}

/** A rendering of every static say text: one an earlier version pinned, else one made for this change. */
async function speechRows(
  tx: Prisma.TransactionClient,
  versionId: string,
  document: FlowDocument,
  speech: StaticSpeech,
): Promise<VersionAudioRow[]> {
  const texts = speechTexts(document);
  if (texts.length === 0) return [];
  const engineId = speech.engine().id;
  const byKey = new Map(texts.map((request) => [speechKey(engineId, request), request]));
  const pinnedBefore = await tx.versionAudio.findMany({
    where: { kind: 'speech', key: { in: [...byKey.keys()] } },
    select: { key: true, audioHash: true },
    distinct: ['key'],
  });
  const known = new Map(pinnedBefore.map((row) => [row.key, row.audioHash]));
  const missing = [...byKey].filter(([key]) => !known.has(key) && !speech.rendered.has(key));
  if (missing.length > 0) throw new SpeechNotRendered(missing.map(([, request]) => request));
  const rows: VersionAudioRow[] = [];
  for (const [key, request] of byKey) {
    let audioHash = known.get(key);
    const rendered = speech.rendered.get(key);
    if (audioHash === undefined && rendered !== undefined) {
      await storeAudio(tx, rendered);
      audioHash = rendered.hash;
    }
    if (audioHash !== undefined)
      rows.push({ versionId, kind: 'speech', key, language: request.language, audioHash });
  }
  return rows;
}

/**
 * Pins what a new version plays, in the transaction that makes it: every library prompt's current
 * audio in each of its languages, and a rendering of every static say text. Later edits of a prompt
 * change nothing the version plays. Throws SpeechNotRendered (withStaticSpeech renders and retries)
 * when a text has no rendering yet.
 */
export async function pinVersionAudio(
  tx: Prisma.TransactionClient,
  versionId: string,
  document: FlowDocument,
  speech: StaticSpeech,
): Promise<void> {
  const rows = [
    ...(await promptRows(tx, versionId, document)),
    ...(await speechRows(tx, versionId, document, speech)),
  ];
  if (rows.length > 0) await tx.versionAudio.createMany({ data: rows });
}
