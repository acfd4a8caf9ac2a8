import { INT32_MAX } from '@callflow/contract';
import { z } from 'zod';

/**
 * Path and query parameters of the flow routes. The bodies and responses are in the contract
 * (src/contract/), which clients share.
 */
export const flowIdParams = z.object({ flowId: z.string().min(1).max(64) }).strict();

/** In a path or query string, where everything is text. */
export const versionNumberParam = z.coerce
  .number()
  .int()
  .min(1, 'versions are numbered from 1')
  .max(INT32_MAX);
