import { randomUUID } from 'node:crypto';
import { type AriClient, AriError } from '@callflow/ari';
import type { DeviceState } from '@callflow/flow';
import {
  type BridgeRequest,
  type CallChannel,
  CallEndedError,
  type DialOutcome,
  type DialRequest,
  type HangupCause,
  type RecordRequest,
  StepFailure,
} from '@callflow/flow/runtime';
import type { Logger } from '../log/Logger.ts';
import type { StepLatencyProbe } from '../metrics/StepLatencyProbe.ts';
import type { CallCleanup } from './CallCleanup.ts';
import { CallLimitReached } from './CallLimitReached.ts';
import { type CallLimitName, type CallLimits, describeDuration } from './CallLimits.ts';
import { dialOutcomeOfCause, dialOutcomeOfStatus } from './dialOutcomeOf.ts';
import type { EventRouter } from './EventRouter.ts';
import { ignoreGone } from './ignoreGone.ts';
import type { NamedBridges } from './NamedBridges.ts';
import { waitForEvent } from './waitForEvent.ts';

/**
 * appArgs given to outbound legs: a label for whoever reads Asterisk's channel list. The runtime never
 * trusts it (a caller can dial `6001,callflow-outbound-leg` into Stasis' arguments): legs are known by
 * the channel ids the runtime chose for them (`outboundLegs`).
 */
export const outboundLegArg = 'callflow-outbound-leg';

/**
 * Start of every outbound leg's channel id. Asterisk numbers the channels callers bring (a caller
 * cannot choose its channel id), so a StasisStart with this prefix that no dial is waiting for is a
 * leg that outlived its dial step, to hang up rather than run a flow on.
 */
export const outboundLegIdPrefix = 'callflow-leg-';

export interface AriCallChannelDeps {
  id: string;
  appName: string;
  ari: AriClient;
  router: EventRouter;
  /** Aborted when the caller hangs up. */
  hangup: AbortSignal;
  cleanup: CallCleanup;
  bridges: NamedBridges;
  /** Every channel a call session owns right now, so a resync does not take them for strays. */
  liveChannels: Set<string>;
  /**
   * Ids of the outbound legs being created or dialled on this Asterisk server: their StasisStart is
   * not a new call. Chosen by the runtime, so nothing a caller dials can put an id here.
   */
  outboundLegs: Set<string>;
  /** The call's engine latency: told when the call can go on and when it sends a request. */
  latency: StepLatencyProbe;
  /** The call's logger. */
  logger: Logger;
  limits: Pick<CallLimits, 'maxBridgeMs' | 'maxBufferedDigits'>;
  /** Ends the call now: it stayed in a bridge or an answered dial longer than maxBridgeMs. */
  stopCall: (reason: CallLimitReached) => void;
  /** Counts a limit the call reached and went on past (buffered digits dropped: once per call). */
  limitReached: (limit: CallLimitName) => void;
}

/** The caller's channel as nodes see it, implemented with ARI requests and events. */
export class AriCallChannel implements CallChannel {
  #flowHangupCause: HangupCause | undefined;
  readonly id: string;
  readonly #deps: AriCallChannelDeps;
  readonly #digits: string[] = [];
  readonly #digitListeners = new Set<() => void>();
  readonly #stopListening: () => void;
  #droppedDigits = false;

  constructor(deps: AriCallChannelDeps) {
    this.id = deps.id;
    this.#deps = deps;
    // Digits are buffered from the start of the call, so type-ahead during a prompt is kept; up to a
    // bound, or a caller sending digits through a long prompt or a bridge would grow it without end.
    this.#stopListening = deps.router.on(`channel:${deps.id}`, (event) => {
      if (event.type !== 'ChannelDtmfReceived') return;
      deps.latency.resumed(deps.router.eventReceivedAt);
      if (this.#digits.length >= deps.limits.maxBufferedDigits) {
        this.#digits.shift();
        if (!this.#droppedDigits) {
          this.#droppedDigits = true;
          deps.limitReached('buffered_digits');
          deps.logger.warn('dropping the oldest digits: more arrived than the flow reads', {
            limit: deps.limits.maxBufferedDigits,
          });
        }
      }
      this.#digits.push(event.digit);
      for (const listener of [...this.#digitListeners]) listener();
    });
  }

  dispose(): void {
    this.#stopListening();
    this.#digitListeners.clear();
  }

  answer(): Promise<void> {
    return this.#request(() => this.#deps.ari.channels.answer(this.id));
  }

  async play(
    media: readonly string[],
    options: { language: string | null; interruptOnDigit: boolean },
  ): Promise<void> {
    if (media.length === 0) return;
    if (options.interruptOnDigit && this.#digits.length > 0) return;
    const { ari, router, cleanup, hangup } = this.#deps;
    const playbackId = randomUUID();
    const finished = waitForEvent(
      router,
      `playback:${playbackId}`,
      (event) => (event.type === 'PlaybackFinished' ? event.playback.state : undefined),
      { hangup, channelId: this.id, latency: this.#deps.latency },
    );
    const key = `playback:${playbackId}`;
    cleanup.add(key, () => ari.playbacks.stop(playbackId).catch(ignoreGone));
    const stopListening = options.interruptOnDigit ? this.#onDigit(() => void cleanup.run(key)) : () => {};
    try {
      await this.#request(() =>
        ari.channels.play(this.id, {
          playbackId,
          media,
          ...(options.language === null ? {} : { lang: options.language }),
        }),
      );
      const state = await finished.result;
      cleanup.remove(key);
      if (state === 'failed')
        throw new StepFailure(`Asterisk could not play ${media.join(', ')} (unknown sound?)`);
    } catch (error) {
      // Refused or failed: nothing is playing. Hung up: the session stops what may still play.
      if (!(error instanceof CallEndedError)) cleanup.remove(key);
      throw error;
    } finally {
      finished.cancel();
      stopListening();
    }
  }

  nextDigit(timeoutMs: number): Promise<string | null> {
    const buffered = this.#digits.shift();
    if (buffered !== undefined) return Promise.resolve(buffered);
    const { hangup } = this.#deps;
    if (hangup.aborted) return Promise.reject(new CallEndedError(this.id));
    return new Promise((resolve, reject) => {
      const finish = () => {
        clearTimeout(timer);
        stopListening();
        hangup.removeEventListener('abort', onHangup);
      };
      const timer = setTimeout(() => {
        this.#deps.latency.resumed();
        finish();
        resolve(null);
      }, timeoutMs);
      const stopListening = this.#onDigit(() => {
        finish();
        resolve(this.#digits.shift() ?? null);
      });
      const onHangup = () => {
        finish();
        reject(new CallEndedError(this.id));
      };
      hangup.addEventListener('abort', onHangup, { once: true });
    });
  }

  clearDigits(): void {
    this.#digits.length = 0;
  }

  async record(request: RecordRequest): Promise<void> {
    const { ari, router, hangup } = this.#deps;
    const finished = waitForEvent(
      router,
      `recording:${request.name}`,
      (event) => {
        if (event.type === 'RecordingFinished') return { failed: null };
        if (event.type === 'RecordingFailed') return { failed: event.recording.cause ?? 'unknown reason' };
        return undefined;
      },
      { hangup, channelId: this.id, latency: this.#deps.latency },
    );
    try {
      await this.#request(() =>
        ari.channels.record(this.id, {
          name: request.name,
          format: request.format,
          maxDurationSeconds: request.maxDurationSeconds,
          maxSilenceSeconds: request.maxSilenceSeconds,
          beep: request.beep,
          terminateOn: request.terminateOn,
          // Re-recording within a call (a "record again?" loop) replaces the take.
          ifExists: 'overwrite',
        }),
      );
      // A caller hanging up here ends the call; Asterisk finishes and keeps the file by itself.
      const { failed } = await finished.result;
      if (failed !== null) throw new StepFailure(`recording ${request.name} failed: ${failed}`);
      // Asterisk reports a recording it could not write (no folder, a full disk) as finished, not
      // failed: only the stored recording shows that there is something to play back.
      const kept = await this.#request(() => ari.recordings.getStored(request.name)).catch(
        (error: unknown) => {
          if (!(error instanceof StepFailure)) throw error; // the caller hung up
          // Only Asterisk answering "no such recording" shows it is missing: a check that fails
          // otherwise must not turn a message that was recorded into an error.
          return error.cause instanceof AriError && error.cause.status === 404 ? null : 'unchecked';
        },
      );
      if (kept === null)
        throw new StepFailure(
          `Asterisk kept no file for recording ${request.name}: nothing was recorded, or Asterisk cannot write to its recordings folder`,
        );
    } finally {
      finished.cancel();
    }
  }

  async joinBridge(request: BridgeRequest): Promise<void> {
    const { bridges, cleanup, hangup, router } = this.#deps;
    const bridgeId = await this.#request(() =>
      bridges.enter(request.name, this.id, request.musicOnHoldClass),
    );
    const key = `bridge:${request.name}`;
    cleanup.add(key, () => bridges.leave(request.name, this.id));
    const left = waitForEvent(
      router,
      `channel:${this.id}`,
      (event) => (event.type === 'ChannelLeftBridge' && event.bridge.id === bridgeId ? true : undefined),
      {
        hangup,
        channelId: this.id,
        latency: this.#deps.latency,
        ...(request.timeLimitSeconds === null
          ? {}
          : { timeoutMs: request.timeLimitSeconds * 1000, onTimeout: () => true }),
      },
    );
    this.clearDigits();
    const stopLimit = this.#bridgeLimit(`bridge ${request.name}`);
    const leaveDigit = request.leaveOnDigit;
    const stopListening =
      leaveDigit === null
        ? () => {}
        : this.#onDigit(() => {
            if (this.#digits.includes(leaveDigit)) void cleanup.run(key);
          });
    try {
      await left.result;
    } finally {
      stopLimit();
      stopListening();
      left.cancel();
    }
    await cleanup.run(key);
  }

  async dial(request: DialRequest): Promise<DialOutcome> {
    const calleeId = `${outboundLegIdPrefix}${randomUUID()}`;
    const keys = [`playback:ringback-${calleeId}`, `callee:${calleeId}`, `bridge:callflow-dial-${calleeId}`];
    const undoDial = async () => {
      for (const key of keys) await this.#deps.cleanup.run(key);
    };
    this.#deps.liveChannels.add(calleeId);
    this.#deps.outboundLegs.add(calleeId);
    try {
      const outcome = await this.#dialCallee(request, calleeId).catch(async (error: unknown) => {
        // When the caller hung up, the session's cleanup removes the rest.
        if (!(error instanceof CallEndedError)) await undoDial();
        throw error;
      });
      await undoDial();
      return outcome;
    } finally {
      this.#deps.liveChannels.delete(calleeId);
      this.#deps.outboundLegs.delete(calleeId);
    }
  }

  /** One dial attempt; every resource it creates is registered with the call's cleanup. */
  async #dialCallee(request: DialRequest, calleeId: string): Promise<DialOutcome> {
    const { ari, router, cleanup, hangup, appName, latency } = this.#deps;
    const ringbackId = `ringback-${calleeId}`;
    const dialBridgeId = `callflow-dial-${calleeId}`;
    const calleeKey = `callee:${calleeId}`;
    const on = { hangup, channelId: this.id, latency };
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
          originator: this.id,
          ...(request.callerId === null ? {} : { callerId: { number: request.callerId } }),
        });
      } catch (error) {
        latency.resumed();
        if (hangup.aborted) throw new CallEndedError(this.id);
        cleanup.remove(calleeKey);
        // Asterisk refuses to create a channel for an endpoint it does not know or cannot reach.
        if (error instanceof AriError && [400, 404, 500].includes(error.status ?? 0)) return 'unavailable';
        throw new StepFailure(`cannot call ${request.endpoint}: ${(error as Error).message}`);
      }
      if (!(await calleeReady.result))
        throw new StepFailure(`the call to ${request.endpoint} never reached the runtime`);
      if (request.ringback) {
        cleanup.add(`playback:${ringbackId}`, () => ari.playbacks.stop(ringbackId).catch(ignoreGone));
        await this.#request(() =>
          ari.channels.play(this.id, { playbackId: ringbackId, media: ['tone:ring'] }),
        );
      }
      await this.#request(() =>
        ari.channels.dial(calleeId, { caller: this.id, timeout: request.timeoutSeconds }),
      );
      const outcome = await attempt.result;
      await cleanup.run(`playback:${ringbackId}`);
      if (outcome !== 'answer') return outcome;

      cleanup.add(`bridge:${dialBridgeId}`, () => ari.bridges.destroy(dialBridgeId).catch(ignoreGone));
      await this.#request(async () => {
        await ari.bridges.create({
          bridgeId: dialBridgeId,
          type: 'mixing',
          name: `dial ${request.endpoint}`,
        });
        await ari.bridges.addChannel(dialBridgeId, [this.id, calleeId]);
      });
      const stopLimit = this.#bridgeLimit(`the answered call to ${request.endpoint}`);
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

  setDeviceState(device: string, state: DeviceState): Promise<void> {
    return this.#request(() => this.#deps.ari.deviceStates.update(device, state));
  }

  /** True once the flow itself has hung the channel up (a Hangup node): the engine need not again. */
  get hungUpByFlow(): boolean {
    return this.#flowHangupCause !== undefined;
  }

  /** The cause the flow hung up with, if it did. */
  get flowHangupCause(): HangupCause | undefined {
    return this.#flowHangupCause;
  }

  async hangup(cause: HangupCause): Promise<void> {
    try {
      await this.#request(() => this.#deps.ari.channels.hangup(this.id, { reason: cause }));
      this.#flowHangupCause = cause;
    } catch (error) {
      if (!(error instanceof CallEndedError)) throw error;
    }
  }

  /**
   * Ends the call once the caller has been in `where` for maxBridgeMs: both legs of a dial, or the
   * caller's place in a named bridge, are then removed by the session's cleanup. Returns the cancel.
   */
  #bridgeLimit(where: string): () => void {
    const { limits, stopCall } = this.#deps;
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

  #onDigit(listener: () => void): () => void {
    this.#digitListeners.add(listener);
    return () => this.#digitListeners.delete(listener);
  }

  /** Maps ARI failures: the caller's channel gone means the call ended; anything else fails the step. */
  async #request<T>(action: () => Promise<T>): Promise<T> {
    const { hangup, latency } = this.#deps;
    if (hangup.aborted) throw new CallEndedError(this.id);
    latency.requestSent();
    try {
      const result = await action();
      latency.resumed();
      return result;
    } catch (error) {
      latency.resumed();
      if (this.#deps.hangup.aborted) throw new CallEndedError(this.id);
      if (!(error instanceof AriError)) throw error;
      const aboutCaller = error.path.startsWith(`/channels/${encodeURIComponent(this.id)}`);
      if (aboutCaller && error.status === 404) throw new CallEndedError(this.id);
      throw new StepFailure(error.message, { cause: error });
    }
  }
}
