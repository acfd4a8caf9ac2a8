import { secretEndpoints } from '@callflow/contract';
import { callEndpoint } from '../api/callEndpoint.ts';

/** The credentials store: values are sent, never received (the API has no way to read one back). */
export const secretsApi = {
  list: (signal?: AbortSignal) => callEndpoint(secretEndpoints.listSecrets, {}, { signal }),

  /** Creates the secret or replaces its value; the description is kept when not given. */
  set: (name: string, value: string, description?: string) =>
    callEndpoint(secretEndpoints.setSecret, {
      params: { name },
      body: description === undefined ? { value } : { value, description },
    }),

  describe: (name: string, description: string) =>
    callEndpoint(secretEndpoints.describeSecret, { params: { name }, body: { description } }),

  remove: (name: string) => callEndpoint(secretEndpoints.deleteSecret, { params: { name } }),
};
