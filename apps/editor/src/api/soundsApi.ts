import { type Sound, soundListResponseSchema } from '@callflow/contract';
import { apiRequest } from './apiRequest.ts';

export type { Sound };

/** The sounds the connected Asterisk can play, for the prompt picker. */
export const soundsApi = {
  /** Fails with an ApiError of status 503 when no Asterisk is configured, 502 when it cannot be reached. */
  list: async (signal?: AbortSignal): Promise<Sound[]> =>
    (await apiRequest('/sounds', soundListResponseSchema, { signal })).sounds,
};
