import { CallLimitReached } from '../CallLimitReached.ts';
import { describeDuration } from '../CallLimits.ts';
import type { AriCallChannelDeps } from './AriCallChannelDeps.ts';

/**
 * Ends the call once the caller has been in `where` for maxBridgeMs: both legs of a dial, or the
 * caller's place in a named bridge, are then removed by the session's cleanup. Returns the cancel.
 */
export function bridgeTimeLimit(
  { limits, stopCall }: Pick<AriCallChannelDeps, 'limits' | 'stopCall'>,
  where: string,
): () => void {
  const timer = setTimeout(
    () =>
      stopCall(
        new CallLimitReached(
          'bridge_seconds',
          `the caller was in ${where} for ${describeDuration(limits.maxBridgeMs)}, the most CALLFLOW_MAX_BRIDGE_SECONDS allows: the runtime ended the call`,
        ),
      ),
    limits.maxBridgeMs,
  );
  return () => clearTimeout(timer);
}
