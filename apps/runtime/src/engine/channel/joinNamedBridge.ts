import type { BridgeRequest } from '@callflow/flow/runtime';
import { waitForEvent } from '../waitForEvent.ts';
import type { AriCallChannelDeps } from './AriCallChannelDeps.ts';
import { bridgeTimeLimit } from './bridgeTimeLimit.ts';
import type { CallerDigits } from './CallerDigits.ts';
import { callerRequest } from './callerRequest.ts';

/**
 * Puts the caller into the named bridge shared by every call sent there; resolves once the caller has
 * left it (its leave key, its time limit, or Asterisk removing it) while still connected.
 */
export async function joinNamedBridge(
  deps: AriCallChannelDeps,
  digits: CallerDigits,
  request: BridgeRequest,
): Promise<void> {
  const { bridges, cleanup, hangup, router, latency, id } = deps;
  const bridgeId = await callerRequest(deps, () => bridges.enter(request.name, id, request.musicOnHoldClass));
  const key = `bridge:${request.name}`;
  cleanup.add(key, () => bridges.leave(request.name, id));
  const left = waitForEvent(
    router,
    `channel:${id}`,
    (event) => (event.type === 'ChannelLeftBridge' && event.bridge.id === bridgeId ? true : undefined),
    {
      hangup,
      channelId: id,
      latency,
      ...(request.timeLimitSeconds === null
        ? {}
        : { timeoutMs: request.timeLimitSeconds * 1000, onTimeout: () => true }),
    },
  );
  digits.clear();
  const stopLimit = bridgeTimeLimit(deps, `bridge ${request.name}`);
  const leaveDigit = request.leaveOnDigit;
  const stopListening =
    leaveDigit === null
      ? () => {}
      : digits.onDigit(() => {
          if (digits.buffered.includes(leaveDigit)) void cleanup.run(key);
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
