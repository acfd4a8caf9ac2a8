import type { ServerStatus } from '@callflow/contract';

/**
 * Whether the Stasis app of `extension` is registered: app names are the runtime's prefix followed by
 * the extension, so an app belongs to the longest served extension its name ends with ("callflow-101"
 * to 101, not 01).
 */
export function appRegistered(server: ServerStatus, extension: string): boolean {
  if (server.connected) return true;
  const served = Object.keys(server.serving);
  return server.apps.some((app) => {
    if (!app.endsWith(extension)) return false;
    return !served.some(
      (other) => other.length > extension.length && other.endsWith(extension) && app.endsWith(other),
    );
  });
}
