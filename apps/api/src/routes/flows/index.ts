import type { AnyRoute } from '../../http/defineRoute.ts';
import { draftRoutes } from './draftRoutes.ts';
import { exportImportRoutes } from './exportImportRoutes.ts';
import { flowCrudRoutes } from './flowCrudRoutes.ts';
import { publicationRoutes } from './publicationRoutes.ts';
import { versionRoutes } from './versionRoutes.ts';

/**
 * Flows (drafts with optimistic concurrency), their immutable versions, publications (which version
 * each extension runs) and flow files (export/import). Every catalog change runs in writeTransaction.
 */
export const flowRoutes: readonly AnyRoute[] = [
  ...flowCrudRoutes,
  ...draftRoutes,
  ...versionRoutes,
  ...exportImportRoutes,
  ...publicationRoutes,
];
