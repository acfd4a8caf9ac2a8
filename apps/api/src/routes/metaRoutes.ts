import { endpoints } from '@callflow/contract';
import { implement } from '../http/implement.ts';

export const metaRoutes = {
  health: implement(endpoints.health).with(async ({ services }) => {
    await services.db.prisma.$queryRawUnsafe('SELECT 1');
    return { status: 200, body: { ok: true, database: services.db.engine } };
  }),
};
