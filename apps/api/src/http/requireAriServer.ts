import type { AriServer } from '../ari/AriServers.ts';
import { ApiError } from './ApiError.ts';
import type { ApiServices } from './ApiServices.ts';
import { requireAri } from './requireAri.ts';

/**
 * The Asterisk server named `name` (as in `Call.asteriskServer`), or a 503 naming it: what lives on
 * one server (a call's recordings) cannot be read from another. `reading` says what comes from it,
 * e.g. `the recordings of call c1 are read`.
 */
export function requireAriServer(services: ApiServices, name: string, reading: string): AriServer {
  requireAri(services, reading);
  const server = services.ari.find(name);
  if (server !== undefined) return server;
  throw new ApiError(
    503,
    'ari_server_not_configured',
    `${reading} from the Asterisk server '${name}', which this API is not configured with (its servers: ${services.ari.names.join(', ')}); give the API the same ARI_SERVERS as the runtime`,
    { server: name },
  );
}
