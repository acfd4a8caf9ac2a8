import { CallEndedError, type HangupCause } from '@callflow/flow/runtime';
import type { AriCallChannelDeps } from './AriCallChannelDeps.ts';
import { callerRequest } from './callerRequest.ts';

/**
 * Hangs the caller up with `cause`. Resolves true when this hung the channel up, false when the
 * caller had already gone (nothing left to do).
 */
export async function hangUpCaller(deps: AriCallChannelDeps, cause: HangupCause): Promise<boolean> {
  try {
    await callerRequest(deps, () => deps.ari.channels.hangup(deps.id, { reason: cause }));
    return true;
  } catch (error) {
    if (!(error instanceof CallEndedError)) throw error;
    return false;
  }
}
