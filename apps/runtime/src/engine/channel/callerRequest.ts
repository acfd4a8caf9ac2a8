import { AriError } from '@callflow/ari';
import { CallEndedError, StepFailure } from '@callflow/flow/runtime';
import type { AriCallChannelDeps } from './AriCallChannelDeps.ts';

/**
 * Sends an ARI request for the caller's call and maps its failures: the caller's channel gone (or the
 * call ended meanwhile) is CallEndedError, anything else Asterisk refuses is a StepFailure.
 */
export async function callerRequest<T>(
  { id, hangup, latency }: Pick<AriCallChannelDeps, 'id' | 'hangup' | 'latency'>,
  action: () => Promise<T>,
): Promise<T> {
  if (hangup.aborted) throw new CallEndedError(id);
  latency.requestSent();
  try {
    const result = await action();
    latency.resumed();
    return result;
  } catch (error) {
    latency.resumed();
    if (hangup.aborted) throw new CallEndedError(id);
    if (!(error instanceof AriError)) throw error;
    const aboutCaller = error.path.startsWith(`/channels/${encodeURIComponent(id)}`);
    if (aboutCaller && error.status === 404) throw new CallEndedError(id);
    throw new StepFailure(error.message, { cause: error });
  }
}
