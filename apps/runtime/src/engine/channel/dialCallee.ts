import { randomUUID } from 'node:crypto';
import { AriError } from '@callflow/ari';
import { stepErrors } from '@callflow/flow';
import { CallEndedError, type DialOutcome, type DialRequest, StepFailure } from '@callflow/flow/runtime';
import { ignoreGone } from '../ignoreGone.ts';
import { waitForEvent } from '../waitForEvent.ts';
import type { AriCallChannelDeps } from './AriCallChannelDeps.ts';
import { bridgeTimeLimit } from './bridgeTimeLimit.ts';
import { callerRequest } from './callerRequest.ts';
import { dialOutcomeOfCause, dialOutcomeOfStatus } from './dialOutcomeOf.ts';
import { outboundLegArg, outboundLegIdPrefix } from './outboundLegs.ts';

/**
 * Calls `request.endpoint` and, when it answers, bridges it with the caller until the callee hangs up.
 * Resolves with how the attempt ended; everything it made in Asterisk is gone by then (or, when the
 * caller hung up, is left to the session's cleanup).
 */
export async function dialCallee(deps: AriCallChannelDeps, request: DialRequest): Promise<DialOutcome> {
  const calleeId = `${outboundLegIdPrefix}${randomUUID()}`;
  const keys = [`playback:ringback-${calleeId}`, `callee:${calleeId}`, `bridge:callflow-dial-${calleeId}`];
  const undoDial = async () => {
    for (const key of keys) await deps.cleanup.run(key);
  };
  deps.liveChannels.add(calleeId);
  deps.outboundLegs.add(calleeId);
  try {
    const outcome = await attemptDial(deps, request, calleeId).catch(async (error: unknown) => {
      // When the caller hung up, the session's cleanup removes the rest.
      if (!(error instanceof CallEndedError)) await undoDial();
      throw error;
    });
    await undoDial();
    return outcome;
  } finally {
    deps.liveChannels.delete(calleeId);
    deps.outboundLegs.delete(calleeId);
  }
}

/** One dial attempt; every resource it creates is registered with the call's cleanup. */
async function attemptDial(
  deps: AriCallChannelDeps,
  request: DialRequest,
  calleeId: string,
): Promise<DialOutcome> {
  const { ari, router, cleanup, hangup, appName, latency, id } = deps;
  const ringbackId = `ringback-${calleeId}`;
  const dialBridgeId = `callflow-dial-${calleeId}`;
  const calleeKey = `callee:${calleeId}`;
  const on = { hangup, channelId: id, latency };
  // Asterisk answers /channels/create before the new channel is in Stasis; dialing before its
  // StasisStart gets a 409 "Channel not in Stasis application".
  const calleeReady = waitForEvent(
    router,
    `channel:${calleeId}`,
    (e) => (e.type === 'StasisStart' ? true : undefined),
    {
      ...on,
      timeoutMs: 5000,
      onTimeout: () => false,
    },
  );
  const attempt = waitForEvent<DialOutcome | 'answer'>(
    router,
    `channel:${calleeId}`,
    (event) => {
      if (event.type === 'Dial') return dialOutcomeOfStatus(event.dialstatus);
      if (event.type === 'ChannelDestroyed') return dialOutcomeOfCause(event.cause);
      return undefined;
    },
    { ...on, timeoutMs: (request.timeoutSeconds + 5) * 1000, onTimeout: () => 'noanswer' },
  );
  const calleeGone = waitForEvent(
    router,
    `channel:${calleeId}`,
    (event) => (event.type === 'ChannelDestroyed' || event.type === 'StasisEnd' ? true : undefined),
    on,
  );
  // A callee that is already gone needs no hangup.
  const stopTracking = router.on(`channel:${calleeId}`, (event) => {
    if (event.type === 'ChannelDestroyed') cleanup.remove(calleeKey);
  });
  try {
    cleanup.add(calleeKey, () => ari.channels.hangup(calleeId).catch(ignoreGone));
    latency.requestSent();
    try {
      await ari.channels.create({
        endpoint: request.endpoint,
        app: appName,
        appArgs: [outboundLegArg],
        channelId: calleeId,
        originator: id,
        ...(request.callerId === null ? {} : { callerId: { number: request.callerId } }),
      });
    } catch (error) {
      latency.resumed();
      if (hangup.aborted) throw new CallEndedError(id);
      cleanup.remove(calleeKey);
      // Asterisk refuses to create a channel for an endpoint it does not know or cannot reach.
      if (error instanceof AriError && [400, 404, 500].includes(error.status ?? 0)) return 'unavailable';
      throw new StepFailure(stepErrors.cannotCall.says(request.endpoint, (error as Error).message));
    }
    if (!(await calleeReady.result))
      throw new StepFailure(stepErrors.callNeverReached.says(request.endpoint));
    if (request.ringback) {
      cleanup.add(`playback:${ringbackId}`, () => ari.playbacks.stop(ringbackId).catch(ignoreGone));
      await callerRequest(deps, () =>
        ari.channels.play(id, { playbackId: ringbackId, media: ['tone:ring'] }),
      );
    }
    await callerRequest(deps, () =>
      ari.channels.dial(calleeId, { caller: id, timeout: request.timeoutSeconds }),
    );
    const outcome = await attempt.result;
    await cleanup.run(`playback:${ringbackId}`);
    if (outcome !== 'answer') return outcome;

    cleanup.add(`bridge:${dialBridgeId}`, () => ari.bridges.destroy(dialBridgeId).catch(ignoreGone));
    await callerRequest(deps, async () => {
      await ari.bridges.create({
        bridgeId: dialBridgeId,
        type: 'mixing',
        name: `dial ${request.endpoint}`,
      });
      await ari.bridges.addChannel(dialBridgeId, [id, calleeId]);
    });
    const stopLimit = bridgeTimeLimit(deps, `the answered call to ${request.endpoint}`);
    try {
      await calleeGone.result;
    } finally {
      stopLimit();
    }
    return 'answered';
  } finally {
    stopTracking();
    attempt.cancel();
    calleeReady.cancel();
    calleeGone.cancel();
  }
}
