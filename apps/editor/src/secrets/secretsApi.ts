import { secretListResponseSchema, secretViewSchema } from '@callflow/contract';
import { z } from 'zod';
import { apiRequest } from '../api/apiRequest.ts';

const path = (name: string) => `/secrets/${encodeURIComponent(name)}`;

/** The credentials store: values are sent, never received (the API has no way to read one back). */
export const secretsApi = {
  list: (signal?: AbortSignal) => apiRequest('/secrets', secretListResponseSchema, { signal }),

  /** Creates the secret or replaces its value; the description is kept when not given. */
  set: (name: string, value: string, description?: string) =>
    apiRequest(path(name), secretViewSchema, {
      method: 'PUT',
      body: description === undefined ? { value } : { value, description },
    }),

  describe: (name: string, description: string) =>
    apiRequest(path(name), secretViewSchema, { method: 'PATCH', body: { description } }),

  remove: (name: string) => apiRequest(path(name), z.null(), { method: 'DELETE' }),
};
