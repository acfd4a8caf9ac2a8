import type { AriClient } from '@callflow/ari';
import type { CallSessionDeps } from '../engine/CallSession.ts';
import type { Logger } from '../log/Logger.ts';

/**
 * A call that arrived between an unpublish and its app's unregistration: sent back to the dialplan
 * with CALLFLOW_REJECT=1, which answers it 404 like an extension nobody published; hung up when
 * Asterisk will not take it back.
 */
export async function rejectUnpublishedCall(
  deps: { ari: AriClient; logger: Logger; session: Pick<CallSessionDeps, 'metrics'> },
  extension: string,
  channelId: string,
): Promise<void> {
  const { ari, logger, session } = deps;
  session.metrics.callRejected('unpublished');
  try {
    await ari.channels.setVariable(channelId, 'CALLFLOW_REJECT', '1');
    await ari.channels.continueInDialplan(channelId);
  } catch {
    await ari.channels.hangup(channelId, { reason: 'unallocated' }).catch(() => undefined);
  }
  logger.info('rejected a call to an unpublished extension', { extension, channel: channelId });
}
