import {
  type AsteriskDeviceStateList,
  type AsteriskEndpointList,
  asteriskEndpoints,
} from '@callflow/contract';
import { callEndpoint } from './callEndpoint.ts';

/** What the Asterisk servers have that a flow names: phones to dial, device states to set. */
export const asteriskApi = {
  /** Fails with an ApiError of status 503 when no Asterisk is configured, 502/504 when none answers. */
  endpoints: (signal?: AbortSignal): Promise<AsteriskEndpointList> =>
    callEndpoint(asteriskEndpoints.listAsteriskEndpoints, {}, { signal }),
  deviceStates: (signal?: AbortSignal): Promise<AsteriskDeviceStateList> =>
    callEndpoint(asteriskEndpoints.listAsteriskDeviceStates, {}, { signal }),
};
