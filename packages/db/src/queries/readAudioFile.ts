import { z } from 'zod';
import type { DirectSql } from '../DirectSql.ts';

/** The two WAV renderings every Audio row holds, by the Asterisk format name each plays as. */
export type AudioFileFormat = 'wav' | 'wav16';

// One fixed statement per format: the column is chosen here, never from what a request names.
const fileByHash: Record<AudioFileFormat, string> = {
  wav: 'SELECT "narrowband" AS "file" FROM "Audio" WHERE "hash" = ?',
  wav16: 'SELECT "wideband" AS "file" FROM "Audio" WHERE "hash" = ?',
};
const fileRows = z.array(z.object({ file: z.instanceof(Uint8Array) }));

/**
 * The WAV file of the audio with this hash: 8 kHz ("wav") or 16 kHz ("wav16"), or undefined when there
 * is no such audio. Audio is content-addressed and never changes, so a reader may cache it for good.
 */
export async function readAudioFile(
  sql: DirectSql,
  hash: string,
  format: AudioFileFormat,
): Promise<Buffer | undefined> {
  const [row] = fileRows.parse(await sql.query({ sql: fileByHash[format], params: [hash] }));
  if (!row) return undefined;
  return Buffer.isBuffer(row.file)
    ? row.file
    : Buffer.from(row.file.buffer, row.file.byteOffset, row.file.byteLength);
}
