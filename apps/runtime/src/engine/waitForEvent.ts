import type { AriEvent } from '@callflow/ari';
import { CallEndedError } from '@callflow/flow/runtime';
import type { StepLatencyProbe } from '../metrics/StepLatencyProbe.ts';
import type { EventRouter } from './EventRouter.ts';

export interface EventWait<T> {
  readonly result: Promise<T>;
  cancel(): void;
}

/**
 * Starts listening on `key` now and resolves with the first non-undefined `pick(event)`. Rejects with
 * CallEndedError when `hangup` aborts, and resolves `onTimeout()` after `timeoutMs` if given. The
 * event or the timeout lets the call go on: `latency` is told when.
 */
export function waitForEvent<T>(
  router: EventRouter,
  key: string,
  pick: (event: AriEvent) => T | undefined,
  options: {
    hangup: AbortSignal;
    channelId: string;
    latency: StepLatencyProbe;
    timeoutMs?: number;
    onTimeout?: () => T;
  },
): EventWait<T> {
  let cleanup = () => {};
  const result = new Promise<T>((resolve, reject) => {
    const off = router.on(key, (event) => {
      const value = pick(event);
      if (value !== undefined) {
        options.latency.resumed(router.eventReceivedAt);
        cleanup();
        resolve(value);
      }
    });
    const onHangup = () => {
      cleanup();
      reject(new CallEndedError(options.channelId));
    };
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            options.latency.resumed();
            cleanup();
            if (options.onTimeout) resolve(options.onTimeout());
          }, options.timeoutMs);
    cleanup = () => {
      off();
      clearTimeout(timer);
      options.hangup.removeEventListener('abort', onHangup);
    };
    if (options.hangup.aborted) onHangup();
    else options.hangup.addEventListener('abort', onHangup, { once: true });
  });
  // Several waits can be armed for one request; only one is awaited when the caller hangs up.
  result.catch(() => undefined);
  return { result, cancel: () => cleanup() };
}
