import { asteriskEndpoints } from './asteriskEndpoints.ts';
import { callEndpoints } from './callEndpoints.ts';
import { flowEndpoints } from './flowEndpoints.ts';
import { mediaEndpoints } from './mediaEndpoints.ts';
import { metaEndpoints } from './metaEndpoints.ts';
import { promptEndpoints } from './promptEndpoints.ts';
import { publicationEndpoints } from './publicationEndpoints.ts';
import { recordingEndpoints } from './recordingEndpoints.ts';
import { runtimeEndpoints } from './runtimeEndpoints.ts';
import { secretEndpoints } from './secretEndpoints.ts';
import { sessionEndpoints } from './sessionEndpoints.ts';
import { userEndpoints } from './userEndpoints.ts';

/**
 * Every endpoint of the HTTP API, by name, each declared once: the API implements each one exactly
 * once (checked by the compiler and apps/api/test/routeTable.test.ts), mounts them in this order
 * (a fixed path such as `/calls/stream` before `/calls/:callId`) and describes them in its OpenAPI
 * document; the editor calls them with `callEndpoint`.
 */
export const endpoints = {
  ...metaEndpoints,
  ...sessionEndpoints,
  ...userEndpoints,
  ...flowEndpoints,
  ...publicationEndpoints,
  ...callEndpoints,
  ...recordingEndpoints,
  ...runtimeEndpoints,
  ...mediaEndpoints,
  ...asteriskEndpoints,
  ...promptEndpoints,
  ...secretEndpoints,
};

export type Endpoints = typeof endpoints;
export type EndpointName = keyof Endpoints;

/** The names in table order. */
export const endpointNames = Object.keys(endpoints) as EndpointName[];
