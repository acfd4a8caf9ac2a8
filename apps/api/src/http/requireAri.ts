import type { AriClient } from '@callflow/runtime/ari';
import { ApiError } from './ApiError.ts';
import type { ApiServices } from './defineRoute.ts';

/**
 * The ARI client, or a 503 naming what needs it and the settings that configure it. `reading` says
 * what comes from Asterisk, e.g. `recordings are read`.
 */
export function requireAri(services: ApiServices, reading: string): AriClient {
  if (services.ari !== null) return services.ari;
  throw new ApiError(
    503,
    'ari_not_configured',
    `${reading} from Asterisk through ARI, and this API has no ARI configured (set ARI_URL, ARI_USERNAME and ARI_PASSWORD)`,
  );
}
