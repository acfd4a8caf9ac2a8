import { z } from 'zod';

/** GET /health: the API answers and so does its database. */
export const healthResponseSchema = z.object({
  ok: z.literal(true),
  database: z.enum(['sqlite', 'postgresql']),
});
export type HealthResponse = z.output<typeof healthResponseSchema>;
