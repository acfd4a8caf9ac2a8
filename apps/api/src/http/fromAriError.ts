import { AriError } from '@callflow/ari';
import type { ApiServices } from './ApiServices.ts';
import { ariApiError } from './ariApiError.ts';

/**
 * An ARI failure as an API error without ARI's address or user (those go to the log only);
 * unexpected errors pass through. `what` names the thing asked for, for a 404; `server` the Asterisk
 * server asked, for the log.
 */
export function fromAriError(services: ApiServices, error: unknown, what: string, server?: string): unknown {
  if (!(error instanceof AriError)) return error;
  if (error.kind !== 'not_found') {
    services.log('warn', 'ARI request failed', {
      about: what,
      ...(server === undefined ? {} : { server }),
      kind: error.kind,
      reason: error.message,
    });
  }
  return ariApiError(error, what);
}
