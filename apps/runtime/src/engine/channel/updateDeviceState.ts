import type { DeviceState } from '@callflow/flow/runtime';
import type { AriCallChannelDeps } from './AriCallChannelDeps.ts';
import { callerRequest } from './callerRequest.ts';

/** Sets a custom device's state (`Stasis:<name>`); Asterisk keeps it in astdb beyond the call. */
export function updateDeviceState(
  deps: AriCallChannelDeps,
  device: string,
  state: DeviceState,
): Promise<void> {
  return callerRequest(deps, () => deps.ari.deviceStates.update(device, state));
}
