import type { AriError } from '@callflow/ari';
import { ApiError } from './ApiError.ts';

/**
 * What an ARI failure answers the browser, in words and without ARI's address or user: the caller
 * logs the failure (once) itself. `what` names the thing asked for, for a 404.
 */
export function ariApiError(error: AriError, what: string): ApiError {
  switch (error.kind) {
    case 'not_found':
      return ApiError.notFound(what);
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
