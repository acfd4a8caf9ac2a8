import type { AnyRoute } from '../../http/defineRoute.ts';

export const flowRoutes: readonly AnyRoute[] = [];
