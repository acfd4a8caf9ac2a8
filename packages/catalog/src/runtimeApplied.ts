import type { AppliedState } from '@callflow/contract';
import type { Prisma } from '@callflow/db';
import { z } from 'zod';

/** A runtime whose status row is older than this is not taken as reporting anything. */
export const RUNTIME_STATUS_FRESH_MS = 10_000;

const serving = z.record(z.string(), z.string());

/**
 * Whether the runtimes serve what is published, from the `serving` maps (extension → flow version id)
 * of the RuntimeStatus rows written in the last 10 s. One runtime runs per Asterisk server, and each
 * serves every publication, so a version is applied once every fresh runtime serves it. With no fresh
 * row (no runtime running, or stuck) the answer is `unknown`. A row whose map cannot be read counts as
 * serving nothing.
 */
export async function runtimeApplied(
  client: Prisma.TransactionClient,
  now: Date = new Date(),
): Promise<(extension: string, flowVersionId: string) => AppliedState> {
  const rows = await client.runtimeStatus.findMany({
    where: { updatedAt: { gt: new Date(now.getTime() - RUNTIME_STATUS_FRESH_MS) } },
    select: { serving: true },
  });
  const maps = rows.map((row) => {
    try {
      const parsed = serving.safeParse(JSON.parse(row.serving));
      return parsed.success ? parsed.data : {};
    } catch {
      return {};
    }
  });
  return (extension, flowVersionId) =>
    maps.length === 0 ? 'unknown' : maps.every((map) => map[extension] === flowVersionId);
}
