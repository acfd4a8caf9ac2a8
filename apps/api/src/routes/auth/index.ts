import type { AnyRoute } from '../../http/defineRoute.ts';
import { auditRoutes } from './auditRoutes.ts';
import { sessionRoutes } from './sessionRoutes.ts';
import { userRoutes } from './userRoutes.ts';

export { prepareAuthentication } from './firstAdmin.ts';
export { authenticateRequest } from './sessions.ts';

/** Sessions (login, logout, own password), users (admin) and the audit log (admin). */
export const authRoutes: readonly AnyRoute[] = [...sessionRoutes, ...userRoutes, ...auditRoutes];
