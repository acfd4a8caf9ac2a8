import { type EndpointName, type Endpoints, endpointNames, endpoints } from '@callflow/contract';
import type { ApiRoute } from '../http/implement.ts';
import { sessionRoutes } from './auth/sessionRoutes.ts';
import { userRoutes } from './auth/userRoutes.ts';
import { callRoutes } from './calls/callRoutes.ts';
import { recordingRoutes } from './calls/recordingRoutes.ts';
import { runtimeRoutes } from './calls/runtimeRoutes.ts';
import { flowRoutes } from './flows/index.ts';
import { soundRoutes } from './media/soundRoutes.ts';
import { metaRoutes } from './metaRoutes.ts';
import { secretRoutes } from './secrets/secretRoutes.ts';

/** One implementation per endpoint of the contract's table, under the endpoint's name. */
type RouteImplementations = { readonly [Name in EndpointName]: ApiRoute<Endpoints[Name]> };

type FlowEndpointName =
  | 'listFlows'
  | 'createFlow'
  | 'getFlow'
  | 'renameFlow'
  | 'duplicateFlow'
  | 'deleteFlow'
  | 'saveDraft'
  | 'validateDraft'
  | 'validateDocument'
  | 'createVersion'
  | 'listVersions'
  | 'getVersion'
  | 'exportFlow'
  | 'importFlow'
  | 'listPublications'
  | 'publish'
  | 'unpublish'
  | 'rollback';

// TEMPORARY while the flow routes move to @callflow/catalog: their handlers, declared with defineRoute.
function legacyFlowRoute<Name extends FlowEndpointName>(name: Name): ApiRoute<Endpoints[Name]> {
  const endpoint = endpoints[name];
  const legacy = flowRoutes.find((route) => route.method === endpoint.method && route.path === endpoint.path);
  if (legacy === undefined) throw new Error(`no flow route for ${endpoint.method} ${endpoint.path}`);
  return { ...endpoint, endpoint, handler: legacy.handler } as unknown as ApiRoute<Endpoints[Name]>;
}
const flowNames: readonly FlowEndpointName[] = [
  'listFlows',
  'createFlow',
  'getFlow',
  'renameFlow',
  'duplicateFlow',
  'deleteFlow',
  'saveDraft',
  'validateDraft',
  'validateDocument',
  'createVersion',
  'listVersions',
  'getVersion',
  'exportFlow',
  'importFlow',
  'listPublications',
  'publish',
  'unpublish',
  'rollback',
];
const legacyFlowRoutes = Object.fromEntries(
  flowNames.map((name) => [name, legacyFlowRoute(name)]),
) as unknown as {
  readonly [Name in FlowEndpointName]: ApiRoute<Endpoints[Name]>;
};

/** Every endpoint's implementation; the compiler refuses a missing one, and (below) one not in the table. */
export const routeImplementations = {
  ...metaRoutes,
  ...sessionRoutes,
  ...userRoutes,
  ...legacyFlowRoutes,
  ...callRoutes,
  ...recordingRoutes,
  ...runtimeRoutes,
  ...soundRoutes,
  ...secretRoutes,
} satisfies RouteImplementations;

type NotInTheTable = Exclude<keyof typeof routeImplementations, EndpointName>;
const everyImplementationIsInTheTable: [NotInTheTable] extends [never] ? true : NotInTheTable = true;
void everyImplementationIsInTheTable;

/** Every route of the API, in the table's order (the order they are mounted and documented in). */
export const apiRoutes: readonly ApiRoute[] = endpointNames.map((name) => routeImplementations[name]);
