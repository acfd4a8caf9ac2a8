import type { AriClient } from '@callflow/ari';
import type { Logger } from '../../log/Logger.ts';
import type { StepLatencyProbe } from '../../metrics/StepLatencyProbe.ts';
import type { CallCleanup } from '../CallCleanup.ts';
import type { CallLimitReached } from '../CallLimitReached.ts';
import type { CallLimitName, CallLimits } from '../CallLimits.ts';
import type { EventRouter } from '../EventRouter.ts';
import type { NamedBridges } from '../NamedBridges.ts';

/** What a call's channel operations work with: the caller's channel, its app, the session's services. */
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
