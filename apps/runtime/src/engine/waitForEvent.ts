import { CallEndedError } from '@callflow/flow/runtime';
import type { AriEvent } from '../ari/index.ts';
import type { EventRouter } from './EventRouter.ts';

export interface EventWait<T> {
  readonly result: Promise<T>;
  cancel(): void;
}

/**
 * Starts listening on `key` now and resolves with the first non-undefined `pick(event)`. Rejects with
 * CallEndedError when `hangup` aborts, and resolves `onTimeout()` after `timeoutMs` if given.
 */
export function waitForEvent<T>(
  router: EventRouter,
  key: string,
  pick: (event: AriEvent) => T | undefined,
  options: { hangup: AbortSignal; channelId: string; timeoutMs?: number; onTimeout?: () => T },
): EventWait<T> {
  let cleanup = () => {};
  const result = new Promise<T>((resolve, reject) => {
    const off = router.on(key, (event) => {
      const value = pick(event);
      if (value !== undefined) {
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
