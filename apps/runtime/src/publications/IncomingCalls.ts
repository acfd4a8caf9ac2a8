import type { AriClient, AriEvent, AriEventOf } from '@callflow/ari';
import type { CallLogWriter } from '../callLog/CallLogWriter.ts';
import type { CallLimits } from '../engine/CallLimits.ts';
import { type CallSessionDeps, runCallSession } from '../engine/CallSession.ts';
import { outboundLegIdPrefix } from '../engine/channel/outboundLegs.ts';
import { type EventRouter, routingKey } from '../engine/EventRouter.ts';
import type { Logger } from '../log/Logger.ts';
import { settleWithin } from '../timing/settleWithin.ts';
import type { CallAdmission } from './CallAdmission.ts';
import type { PublishedApp } from './PublishedApp.ts';
import { refuseCall } from './refuseCall.ts';
import { rejectUnpublishedCall } from './rejectUnpublishedCall.ts';
import type { StrayChannelSweep } from './StrayChannelSweep.ts';

/** What a call session is given beyond what IncomingCalls itself holds. */
export type SessionSettings = Omit<
  CallSessionDeps,
  'logger' | 'router' | 'ari' | 'callLog' | 'outboundLegs' | 'limits'
>;

export interface IncomingCallsOptions {
  ari: AriClient;
  router: EventRouter;
  callLog: CallLogWriter;
  logger: Logger;
  session: SessionSettings;
  limits: CallLimits;
  admission: CallAdmission;
  strays: StrayChannelSweep;
  /** A call of `app` has ended (its place and its entry in activeCalls are given back). */
  onCallEnded(app: PublishedApp): void;
}

/**
 * The apps' ARI events: each goes to the server's EventRouter (the call sessions wait on it), and a
 * StasisStart becomes a call session on the version its app serves now, unless the call is turned
 * away: an outbound leg whose dial step has ended, a call to an unpublished extension, a call beyond
 * the limits. Owns the sessions in progress until they end.
 */
export class IncomingCalls {
  readonly #sessions = new Set<Promise<void>>();
  /** Ids the runtime chose for the outbound legs it is creating or dialling on this server. */
  readonly #outboundLegs = new Set<string>();

  constructor(private readonly options: IncomingCallsOptions) {}

  onEvent(app: PublishedApp, event: AriEvent): void {
    const { logger, router, strays } = this.options;
    // Every ARI event passes here: its routing key is worked out only when debug lines are written.
    if (logger.enabled('debug'))
      logger.debug('ari event', { app: app.appName, type: event.type, about: routingKey(event) });
    const receivedAt = app.connection.lastMessageAt;
    router.dispatch(event, receivedAt);
    if (event.type === 'StasisStart') strays.arrived(event.channel.id);
    // An outbound leg is known by the id the runtime gave it, never by Stasis() arguments: those come
    // from the dialplan, where a caller's dialled digits can put anything.
    if (event.type !== 'StasisStart' || this.#outboundLegs.has(event.channel.id)) return;
    this.#arrived(app, event, receivedAt);
  }

  /**
   * The runtime is stopping (its apps serve no version any more): calls in progress get `graceMs`
   * to finish, then are hung up and logged as lost.
   */
  async stop(apps: Iterable<PublishedApp>, graceMs: number): Promise<void> {
    await settleWithin(this.#sessions, graceMs);
    for (const app of apps)
      for (const lost of app.activeCalls.values()) lost.abort('the runtime stopped during the call');
    await settleWithin(this.#sessions, 5000);
  }

  #arrived(app: PublishedApp, start: AriEventOf<'StasisStart'>, receivedAt: number): void {
    const { ari, logger, admission } = this.options;
    const channelId = start.channel.id;
    if (channelId.startsWith(outboundLegIdPrefix)) {
      logger.warn('hanging up an outbound leg that arrived after its dial step ended', {
        app: app.appName,
        channel: channelId,
      });
      void ari.channels.hangup(channelId).catch(() => undefined);
      return;
    }
    if (app.version === null) {
      void rejectUnpublishedCall(this.options, app.extension, channelId);
      return;
    }
    const served = { appName: app.appName, extension: app.extension, version: app.version };
    const refusal = admission.admit(app.extension);
    if (refusal !== null) {
      refuseCall(this.options, served, start, refusal);
      return;
    }
    const connectionLost = new AbortController();
    app.activeCalls.set(channelId, connectionLost);
    const { router, callLog, limits } = this.options;
    const deps = {
      ...this.options.session,
      ari,
      router,
      callLog,
      logger,
      outboundLegs: this.#outboundLegs,
      limits,
    };
    const session = runCallSession(start, served, deps, connectionLost.signal, receivedAt)
      .catch((error: unknown) =>
        logger.error('call session failed', { channel: channelId, reason: String(error) }),
      )
      .finally(() => {
        admission.release(app.extension);
        app.activeCalls.delete(channelId);
        this.#sessions.delete(session);
        this.options.onCallEnded(app);
      });
    this.#sessions.add(session);
  }
}
