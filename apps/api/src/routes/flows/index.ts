import type { AnyRoute } from '../../http/defineRoute.ts';
import { answeringCatalogRefusals } from './catalogRefusals.ts';
import { draftRoutes } from './draftRoutes.ts';
import { exportImportRoutes } from './exportImportRoutes.ts';
import { flowCrudRoutes } from './flowCrudRoutes.ts';
import { publicationRoutes } from './publicationRoutes.ts';
import { versionRoutes } from './versionRoutes.ts';

/**
 * Flows (drafts with optimistic concurrency), their immutable versions, publications (which version
 * each extension runs) and flow files (export/import). The handlers parse and answer; every catalog
 * operation (and its lock and audit entry) is @callflow/catalog's, whose refusals become HTTP answers here.
 */
export const flowRoutes: readonly AnyRoute[] = [
  ...flowCrudRoutes,
  ...draftRoutes,
  ...versionRoutes,
  ...exportImportRoutes,
  ...publicationRoutes,
].map(answeringCatalogRefusals);
