import type { SandboxInstance } from './SandboxInstance.ts';
import { authHeader } from './sandbox.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts a stopped (or killed) sandbox instance and resolves with the time (`Date.now()`) when its
 * ARI first answered again: the moment recovery is measured from, rather than when the start was
 * asked for (the sandbox script takes seconds to get Asterisk going).
 */
export async function timedAsteriskStart(asterisk: SandboxInstance): Promise<number> {
  let answeredAt: number | undefined;
  let startFailed = false;
  // The instance keeps its address and credentials across restarts.
  const ari = asterisk.ari;
  const probe = (async () => {
    while (answeredAt === undefined && !startFailed) {
      const info = await fetch(`${ari.ariUrl}/ari/asterisk/info`, {
        headers: { authorization: authHeader(ari) },
        signal: AbortSignal.timeout(1_000),
      }).catch(() => undefined);
      if (info?.status === 200) answeredAt = Date.now();
      await info?.arrayBuffer();
      if (answeredAt === undefined) await sleep(20);
    }
  })();
  await asterisk.start().catch((error: unknown) => {
    startFailed = true;
    throw error;
  });
  await probe;
  if (answeredAt === undefined) throw new Error(`ARI of ${asterisk.name} never answered`);
  return answeredAt;
}
