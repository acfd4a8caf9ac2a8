import { z } from 'zod';
import type { DirectSql } from '../DirectSql.ts';

const audioOfVersion =
  'SELECT "kind", "key", "language", "audioHash" FROM "VersionAudio" WHERE "versionId" = ? ORDER BY "kind", "key", "language"';
const versionAudioRows = z.array(
  z.object({
    kind: z.enum(['prompt', 'speech']),
    key: z.string(),
    language: z.string(),
    audioHash: z.string(),
  }),
);

/** One audio a version pinned: a library prompt's in one language (key: the prompt id), or a static
 *  text-to-speech rendering (key: its speech key). */
export type VersionAudioRow = z.infer<typeof versionAudioRows>[number];

/** Every audio the version pinned when it was made (none for an unknown version). Immutable: read once. */
export async function readVersionAudio(sql: DirectSql, versionId: string): Promise<VersionAudioRow[]> {
  return versionAudioRows.parse(await sql.query({ sql: audioOfVersion, params: [versionId] }));
}
