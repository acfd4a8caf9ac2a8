import { AriError } from '@callflow/ari';

/** For cleanup requests: a 404 means the thing is already gone, which is what we wanted. */
export function ignoreGone(error: unknown): void {
  if (error instanceof AriError && error.status === 404) return;
  throw error;
}
