import type { AriServer } from '../ari/AriServers.ts';
import { ApiError } from './ApiError.ts';
import type { ApiServices } from './ApiServices.ts';

/**
 * Every configured Asterisk server (at least one), or a 503 naming what needs ARI and the settings
 * that configure it. `reading` says what comes from Asterisk, e.g. `recordings are read`.
 */
export function requireAri(services: ApiServices, reading: string): readonly [AriServer, ...AriServer[]] {
  const [first, ...others] = services.ari.list;
  if (first !== undefined) return [first, ...others];
  throw new ApiError(
    503,
    'ari_not_configured',
    `${reading} from Asterisk through ARI, and this API has no ARI configured (set ARI_URL, ARI_USERNAME and ARI_PASSWORD, or ARI_SERVERS for several servers)`,
  );
}
