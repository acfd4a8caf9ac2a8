import { randomUUID } from 'node:crypto';
import type { AriClient, AriEventOf } from '@callflow/ari';
import { defaultFlowLanguage, type FlowGraph, stepErrors } from '@callflow/flow';
import { CallVariables, type PromptSource, StepFailure } from '@callflow/flow/runtime';
import type { CallLogWriter } from '../callLog/CallLogWriter.ts';
import type { Logger } from '../log/Logger.ts';
import type { PinnedAudio } from '../media/PinnedAudio.ts';
import { unavailablePrompts, type VersionForPrompts } from '../media/PromptMedia.ts';
import type { ServerMetrics } from '../metrics/ServerMetrics.ts';
import { StepLatencyProbe } from '../metrics/StepLatencyProbe.ts';
import { CallSecrets } from '../secrets/CallSecrets.ts';
import type { RuntimeSecrets } from '../secrets/RuntimeSecrets.ts';
import { AriCallChannel } from './AriCallChannel.ts';
import { CallCleanup } from './CallCleanup.ts';
import { CallLimitReached } from './CallLimitReached.ts';
import { type CallLimitName, type CallLimits, describeDuration } from './CallLimits.ts';
import { CallLost } from './CallLost.ts';
import type { EventRouter } from './EventRouter.ts';
import { hangupCauseText, hangupReasonCauses } from './hangupCauseText.ts';
import { interpretFlow } from './interpretFlow.ts';
import type { NamedBridges } from './NamedBridges.ts';

export interface LoadedVersion {
  readonly id: string;
  readonly flowId: string;
  readonly number: number;
  readonly graph: FlowGraph;
  /** The library prompts' and static texts' audio the version pinned when it was made. */
  readonly audio: PinnedAudio;
}

export interface CallSessionDeps {
  ari: AriClient;
  router: EventRouter;
  bridges: NamedBridges;
  callLog: CallLogWriter;
  logger: Logger;
  /** The name of the Asterisk server the call is on, as the call log records it. */
  asteriskServer: string;
  metrics: ServerMetrics;
  stepLimit: number;
  now: () => Date;
  /** Channels owned by call sessions; see AriCallChannelDeps. */
  liveChannels: Set<string>;
  /** Outbound legs in flight on this server; see AriCallChannelDeps. */
  outboundLegs: Set<string>;
  /** What the call may not exceed (the calls-in-progress limits are applied before the session). */
  limits: CallLimits;
  /** The time nodes see; see interpretFlow. */
  nodeClock: () => Date;
  fetch: typeof fetch;
  /** The credentials store; absent: HTTP lookups naming a secret take their error outcome. */
  secrets?: RuntimeSecrets;
  /** Each call's library prompts and text-to-speech (PromptMedia); absent: those prompts fail. */
  prompts?: { forCall(version: VersionForPrompts, channelId: string): PromptSource };
}

/** The hangup signal's reason: a DOMException (abort()'s default) costs a stack trace per call. */
const callEndedReason = 'the call ended';

/** How long to wait for Asterisk to confirm (StasisEnd) the end of a channel we hung up. */
const endConfirmationMs = 5000;

/**
 * One caller's channel from StasisStart to its end: runs the flow version the call started on, logs
 * every step, and afterwards removes everything the call created and hangs up if the flow did not.
 */
export async function runCallSession(
  start: AriEventOf<'StasisStart'>,
  app: { appName: string; extension: string; version: LoadedVersion },
  deps: CallSessionDeps,
  /** Aborted when the app's connection to Asterisk drops: this call's events are lost with it. */
  connectionLost: AbortSignal,
  /** performance.now() when StasisStart arrived: the runtime's latency to the first request counts from it. */
  receivedAt: number = performance.now(),
): Promise<void> {
  const { ari, router, callLog, metrics } = deps;
  const latency = new StepLatencyProbe(metrics.stepLatency);
  latency.resumed(receivedAt);
  const channelId = start.channel.id;
  const callId = randomUUID();
  const logger = deps.logger.child({
    call: callId,
    channel: channelId,
    extension: app.extension,
    version: app.version.number,
    caller: start.channel.caller.number,
  });
  const hangup = new AbortController();
  const lostReason = () =>
    typeof connectionLost.reason === 'string'
      ? connectionLost.reason
      : 'the connection to Asterisk was lost during the call';
  const onConnectionLost = () => hangup.abort(new CallLost(lostReason()));
  connectionLost.addEventListener('abort', onConnectionLost, { once: true });
  deps.liveChannels.add(channelId);
  let hangupCause: string | null = null;
  let resolveEnded = () => {};
  const ended = new Promise<void>((resolve) => {
    resolveEnded = resolve;
  });
  // A caller's channel ends in our app with ChannelHangupRequest and then StasisEnd; Asterisk destroys
  // it right after. Its ChannelDestroyed would take a subscription request per call (an eighth ARI
  // request in the load benchmark), so the cause comes from the hangup request or from our own hangup.
  const stopWatching = router.on(`channel:${channelId}`, (event) => {
    if (event.type === 'ChannelHangupRequest') {
      // A soft hangup (ours, over ARI) carries Asterisk's soft-hangup flags in `cause`, not a Q.850 code.
      if (event.soft !== true && event.cause !== undefined && event.cause !== 0)
        hangupCause ??= hangupCauseText(event.cause);
      hangup.abort(callEndedReason);
    } else if (event.type === 'StasisEnd') {
      hangup.abort(callEndedReason);
      resolveEnded();
    }
  });

  const startedAt = deps.now();
  callLog.callStarted({
    id: callId,
    channelId,
    asteriskServer: deps.asteriskServer,
    appName: app.appName,
    extension: app.extension,
    flowId: app.version.flowId,
    flowVersionId: app.version.id,
    callerNumber: start.channel.caller.number,
    callerName: start.channel.caller.name,
    startedAt,
  });
  metrics.callStarted();
  // One info line per call, when it ends (like an access log): the call log already shows calls in
  // progress, and a line costs about 1 % of the runtime's CPU under load.
  logger.debug('call started');

  // A limit ends the call like a hangup would, with its reason: the step it is in stops at once, the
  // session's cleanup removes what the call created (an outbound leg, a bridge), then hangs up.
  const stopCall = (reason: CallLimitReached) => {
    if (hangup.signal.aborted) return;
    metrics.limitReached(reason.limit);
    hangup.abort(reason);
  };
  const { limits } = deps;
  const callTimer = setTimeout(
    () =>
      stopCall(
        new CallLimitReached(
          'call_seconds',
          `the call reached ${describeDuration(limits.maxCallMs)}, the most CALLFLOW_MAX_CALL_SECONDS allows: the runtime hung it up`,
        ),
      ),
    limits.maxCallMs,
  );
  let httpLookups = 0;
  const limitedFetch: typeof fetch = (input, init) => {
    if (++httpLookups > limits.maxHttpLookups) {
      metrics.limitReached('http_lookups');
      return Promise.reject(new StepFailure(stepErrors.httpLookupLimit.says(limits.maxHttpLookups)));
    }
    // The web service's answer lets the call go on, like an ARI event: its wait is not the runtime's.
    return deps.fetch(input, init).finally(() => latency.resumed());
  };

  const cleanup = new CallCleanup(logger);
  const channel = new AriCallChannel({
    id: channelId,
    appName: app.appName,
    ari,
    router,
    hangup: hangup.signal,
    cleanup,
    bridges: deps.bridges,
    liveChannels: deps.liveChannels,
    outboundLegs: deps.outboundLegs,
    latency,
    logger,
    limits,
    stopCall,
    limitReached: (limit: CallLimitName) => metrics.limitReached(limit),
  });
  let seq = 0;
  // Hands secrets to this call's HTTP lookups and removes their values from what the call logs.
  const secrets = new CallSecrets(deps.secrets);
  const result = await interpretFlow({
    graph: app.version.graph,
    channel,
    variables: new CallVariables({
      'caller.number': start.channel.caller.number,
      'caller.name': start.channel.caller.name,
      'call.extension': app.extension,
      'call.channelId': channelId,
      'call.id': callId,
      'call.language': defaultFlowLanguage(app.version.graph.document),
    }),
    signal: hangup.signal,
    stepLimit: deps.stepLimit,
    now: deps.now,
    nodeClock: deps.nodeClock,
    fetch: limitedFetch,
    secrets,
    prompts:
      deps.prompts?.forCall(app.version, channelId) ??
      unavailablePrompts(
        defaultFlowLanguage(app.version.graph.document),
        'this runtime serves no prompt library',
      ),
    onEnter: (node, enteredAt) => callLog.nodeEntered({ callId, nodeId: node.id, at: enteredAt }),
    onStep: (step) => {
      seq++;
      metrics.stepEnded(step.node.kind, step.failed);
      callLog.stepRecorded({
        callId,
        seq,
        nodeId: step.node.id,
        kind: step.node.kind,
        enteredAt: step.enteredAt,
        leftAt: step.leftAt,
        port: step.port,
        variables: secrets.redactVariables(step.variables),
        error: secrets.redactNullable(step.error),
      });
    },
  }).catch((error: unknown) => ({ outcome: 'error' as const, error: `runtime fault: ${String(error)}` }));

  clearTimeout(callTimer);
  if (result.outcome === 'step_limit') metrics.limitReached('steps');
  // A dropped connection (or the runtime stopping) ends the call without a hangup event.
  const lost = connectionLost.aborted && result.outcome === 'caller_hangup';
  const outcome = lost ? 'lost' : result.outcome;
  const error = secrets.redactNullable(lost ? lostReason() : 'error' in result ? result.error : null);
  if (outcome !== 'completed' && outcome !== 'caller_hangup')
    logger.error('call ended abnormally', { outcome, reason: error });
  await cleanup.runAll();
  // Hang up when the flow ended without hanging up, or when no event will tell us what became of the
  // channel. After a Hangup node the channel is already going: its StasisEnd may simply not be here yet.
  const limited = result.outcome === 'time_limit';
  if ((!hangup.signal.aborted && !channel.hungUpByFlow) || lost || limited) {
    latency.requestSent();
    await ari.channels.hangup(channelId, { reason: 'normal' }).catch(() => undefined);
    if (!lost) hangupCause ??= hangupCauseText(hangupReasonCauses.normal);
  }
  const { flowHangupCause } = channel;
  if (flowHangupCause !== undefined) hangupCause ??= hangupCauseText(hangupReasonCauses[flowHangupCause]);
  if (!lost) {
    let giveUp: NodeJS.Timeout | undefined;
    await Promise.race([ended, new Promise((resolve) => (giveUp = setTimeout(resolve, endConfirmationMs)))]);
    clearTimeout(giveUp);
  }
  connectionLost.removeEventListener('abort', onConnectionLost);
  deps.liveChannels.delete(channelId);
  stopWatching();
  channel.dispose();
  const endedAt = deps.now();
  callLog.callEnded({ callId, endedAt, outcome, hangupCause, stepCount: seq, error });
  metrics.callEnded(outcome);
  const seconds = (endedAt.getTime() - startedAt.getTime()) / 1000;
  logger.info('call ended', { outcome, steps: seq, cause: hangupCause ?? undefined, seconds });
}
