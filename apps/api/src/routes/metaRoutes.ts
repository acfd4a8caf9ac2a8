import { z } from 'zod';
import { defineRoute } from '../http/defineRoute.ts';

export const healthRoute = defineRoute({
  method: 'get',
  path: '/health',
  summary: 'Whether the API and its database answer',
  tag: 'meta',
  access: 'public',
  responses: { 200: z.object({ ok: z.literal(true), database: z.enum(['sqlite', 'postgresql']) }) },
  handler: async ({ services }) => {
    await services.db.prisma.$queryRawUnsafe('SELECT 1');
    return { status: 200, body: { ok: true, database: services.db.engine } };
  },
});
