import type { Prisma } from '@callflow/db';

/** A converted clip to store (what @callflow/media's convertAudio and renderSpeech give). */
export interface AudioToStore {
  /** sha256 hex of `narrowband`. */
  readonly hash: string;
  readonly narrowband: Uint8Array;
  readonly wideband: Uint8Array;
  readonly durationMs: number;
  readonly peaks: readonly number[];
}

/**
 * Stores a clip under its hash unless it is stored already: audio is content-addressed and never
 * changes, so the same bytes uploaded twice (or spoken twice) are one row.
 */
export async function storeAudio(tx: Prisma.TransactionClient, audio: AudioToStore): Promise<void> {
  await tx.audio.upsert({
    where: { hash: audio.hash },
    // Copies: Prisma's Bytes are Uint8Arrays over their own ArrayBuffer (a Buffer may share a pool).
    create: {
      hash: audio.hash,
      narrowband: new Uint8Array(audio.narrowband),
      wideband: new Uint8Array(audio.wideband),
      durationMs: audio.durationMs,
      peaks: JSON.stringify(audio.peaks),
    },
    update: {},
  });
}
