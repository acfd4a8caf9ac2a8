import { AriError } from '@callflow/ari';
import { ApiError } from './ApiError.ts';
import type { ApiServices } from './ApiServices.ts';

/**
 * An ARI failure as an API error without ARI's address or user (those go to the log only);
 * unexpected errors pass through. `what` names the thing asked for, for a 404; `server` the Asterisk
 * server asked, for the log.
 */
export function fromAriError(services: ApiServices, error: unknown, what: string, server?: string): unknown {
  if (!(error instanceof AriError)) return error;
  if (error.kind === 'not_found') return ApiError.notFound(what);
  services.log('warn', 'ARI request failed', {
    about: what,
    ...(server === undefined ? {} : { server }),
    kind: error.kind,
    reason: error.message,
  });
  switch (error.kind) {
    case 'unauthorized':
      return new ApiError(
        502,
        'ari_unauthorized',
        'Asterisk refused the ARI credentials the API is configured with (ARI_USERNAME, ARI_PASSWORD or ARI_SERVERS)',
      );
    case 'unreachable':
      return new ApiError(502, 'ari_unreachable', 'Asterisk (ARI) cannot be reached; see the API log');
    case 'invalid_response':
      return new ApiError(
        502,
        'ari_invalid_response',
        'Asterisk (ARI) answered with something the API does not understand; see the API log',
      );
    case 'timeout':
      return new ApiError(504, 'ari_timeout', 'Asterisk (ARI) did not answer in time');
    default:
      return new ApiError(502, 'ari_error', 'Asterisk (ARI) answered with an error; see the API log');
  }
}
