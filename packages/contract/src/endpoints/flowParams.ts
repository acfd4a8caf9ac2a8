import { z } from 'zod';
import { INT32_MAX } from '../flowContract.ts';

/** The flow in `/flows/:flowId/...`. */
export const flowIdParams = z.object({ flowId: z.string().min(1).max(64) }).strict();

/** A version number in a path or query string, where everything is text. */
export const versionNumberParam = z.coerce
  .number()
  .int()
  .min(1, 'versions are numbered from 1')
  .max(INT32_MAX);
