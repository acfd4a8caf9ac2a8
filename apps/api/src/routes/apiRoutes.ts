import { type EndpointName, type Endpoints, endpointNames } from '@callflow/contract';
import type { ApiRoute } from '../http/implement.ts';
import { asteriskRoutes } from './asterisk/asteriskRoutes.ts';
import { sessionRoutes } from './auth/sessionRoutes.ts';
import { userRoutes } from './auth/userRoutes.ts';
import { callRoutes } from './calls/callRoutes.ts';
import { recordingRoutes } from './calls/recordingRoutes.ts';
import { runtimeRoutes } from './calls/runtimeRoutes.ts';
import { exportImportRoutes } from './flows/exportImportRoutes.ts';
import { flowRoutes } from './flows/flowRoutes.ts';
import { publicationRoutes } from './flows/publicationRoutes.ts';
import { soundRoutes } from './media/soundRoutes.ts';
import { metaRoutes } from './metaRoutes.ts';
import { promptRoutes } from './prompts/promptRoutes.ts';
import { speechRoutes } from './prompts/speechRoutes.ts';
import { secretRoutes } from './secrets/secretRoutes.ts';

/** One implementation per endpoint of the contract's table, under the endpoint's name. */
type RouteImplementations = { readonly [Name in EndpointName]: ApiRoute<Endpoints[Name]> };

/** Every endpoint's implementation; the compiler refuses a missing one, and (below) one not in the table. */
export const routeImplementations = {
  ...metaRoutes,
  ...sessionRoutes,
  ...userRoutes,
  ...flowRoutes,
  ...exportImportRoutes,
  ...publicationRoutes,
  ...callRoutes,
  ...recordingRoutes,
  ...runtimeRoutes,
  ...soundRoutes,
  ...asteriskRoutes,
  ...promptRoutes,
  ...speechRoutes,
  ...secretRoutes,
} satisfies RouteImplementations;

type NotInTheTable = Exclude<keyof typeof routeImplementations, EndpointName>;
const everyImplementationIsInTheTable: [NotInTheTable] extends [never] ? true : NotInTheTable = true;
void everyImplementationIsInTheTable;

/** Every route of the API, in the table's order (the order they are mounted and documented in). */
export const apiRoutes: readonly ApiRoute[] = endpointNames.map((name) => routeImplementations[name]);
