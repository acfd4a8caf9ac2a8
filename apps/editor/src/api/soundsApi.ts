import { mediaEndpoints, type Sound } from '@callflow/contract';
import { callEndpoint } from './callEndpoint.ts';

export type { Sound };

/** The sounds the connected Asterisk can play, for the prompt picker. */
export const soundsApi = {
  /** Fails with an ApiError of status 503 when no Asterisk is configured, 502 when it cannot be reached. */
  list: async (signal?: AbortSignal): Promise<Sound[]> =>
    (await callEndpoint(mediaEndpoints.listSounds, {}, { signal })).sounds,
};
