import type { AnyRoute } from '../../http/defineRoute.ts';

export const callRoutes: readonly AnyRoute[] = [];
