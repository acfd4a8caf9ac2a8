import type { Prisma } from '@callflow/db';

/**
 * Deletes those of `hashes` no prompt plays and no version pinned any more (a replaced or removed
 * upload nobody published): audio is kept exactly as long as something can play it. Call inside the
 * catalog transaction that dropped the references, so no version can pin them meanwhile.
 */
export async function deleteUnusedAudio(
  tx: Prisma.TransactionClient,
  hashes: readonly string[],
): Promise<void> {
  if (hashes.length === 0) return;
  await tx.audio.deleteMany({
    where: { hash: { in: [...new Set(hashes)] }, prompts: { none: {} }, versions: { none: {} } },
  });
}
