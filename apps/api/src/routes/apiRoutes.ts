import type { AnyRoute } from '../http/defineRoute.ts';
import { authRoutes } from './auth/index.ts';
import { callRoutes } from './calls/index.ts';
import { flowRoutes } from './flows/index.ts';
import { mediaRoutes } from './media/index.ts';
import { healthRoute } from './metaRoutes.ts';
import { secretRoutes } from './secrets/secretRoutes.ts';

/** Every route of the API, by area. Each area keeps its routes in its own folder. */
export const apiRoutes: readonly AnyRoute[] = [
  healthRoute,
  ...authRoutes,
  ...flowRoutes,
  ...callRoutes,
  ...mediaRoutes,
  ...secretRoutes,
];
