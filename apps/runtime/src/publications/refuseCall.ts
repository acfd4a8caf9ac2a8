import { randomUUID } from 'node:crypto';
import type { AriClient, AriEventOf } from '@callflow/ari';
import type { CallLogWriter } from '../callLog/CallLogWriter.ts';
import type { CallSessionDeps, LoadedVersion } from '../engine/CallSession.ts';
import { hangupCauseText, hangupReasonCauses } from '../engine/hangupCauseText.ts';
import type { Logger } from '../log/Logger.ts';
import type { CallRefusal } from './CallAdmission.ts';

/**
 * A call beyond a calls-in-progress limit: hung up before answering with the refusal's cause (the
 * caller's side gets a SIP 486 or 503), and logged like any call so the call log shows it.
 */
export function refuseCall(
  deps: {
    ari: AriClient;
    callLog: CallLogWriter;
    logger: Logger;
    session: Pick<CallSessionDeps, 'metrics' | 'now' | 'asteriskServer'>;
  },
  app: { appName: string; extension: string; version: LoadedVersion },
  start: AriEventOf<'StasisStart'>,
  refusal: CallRefusal,
): void {
  const { ari, callLog, logger, session } = deps;
  const channelId = start.channel.id;
  session.metrics.callRejected(refusal.reason);
  logger.warn('refused a call', {
    reason: refusal.reason,
    extension: app.extension,
    channel: channelId,
    caller: start.channel.caller.number,
  });
  const callId = randomUUID();
  const at = session.now();
  callLog.callStarted({
    id: callId,
    channelId,
    asteriskServer: session.asteriskServer,
    appName: app.appName,
    extension: app.extension,
    flowId: app.version.flowId,
    flowVersionId: app.version.id,
    callerNumber: start.channel.caller.number,
    callerName: start.channel.caller.name,
    startedAt: at,
  });
  callLog.callEnded({
    callId,
    endedAt: at,
    outcome: 'rejected',
    hangupCause: hangupCauseText(hangupReasonCauses[refusal.hangupReason]),
    stepCount: 0,
    error: refusal.message,
  });
  void ari.channels.hangup(channelId, { reason: refusal.hangupReason }).catch(() => undefined);
}
