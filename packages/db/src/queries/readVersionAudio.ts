import { z } from 'zod';
import type { DirectSql } from '../DirectSql.ts';

const audioOfVersion =
  'SELECT "kind", "key", "language", "audioHash" FROM "VersionAudio" WHERE "versionId" = ? ORDER BY "kind", "key", "language"';
const versionAudioRows = z.array(
  z.object({
    kind: z.enum(['prompt', 'speech']),
    // Looked up, never substituted: a prompt id (cuid) or a speech key (64 hex).
    key: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'key must be a prompt id or a speech key'),
    language: z.string().max(16),
    // Goes into the media URI Asterisk plays (sound:<url>/<hash>.wav), where a comma would add a sound.
    audioHash: z.string().regex(/^[0-9a-f]{64}$/, 'audioHash must be a SHA-256 in 64 lowercase hex digits'),
  }),
);

/** One audio a version pinned: a library prompt's in one language (key: the prompt id), or a static
 *  text-to-speech rendering (key: its speech key). */
export type VersionAudioRow = z.infer<typeof versionAudioRows>[number];

/** Every audio the version pinned when it was made (none for an unknown version). Immutable: read once. */
export async function readVersionAudio(sql: DirectSql, versionId: string): Promise<VersionAudioRow[]> {
  return versionAudioRows.parse(await sql.query({ sql: audioOfVersion, params: [versionId] }));
}
