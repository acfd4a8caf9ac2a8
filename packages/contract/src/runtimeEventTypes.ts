/**
 * Every `type` the runtime writes to the runtime event log. The API's contract (and so the browser)
 * imports this module: keep it free of imports.
 */
export const runtimeEventTypes = [
  'runtime_started',
  'runtime_stopped',
  'app_registered',
  'app_disconnected',
  'app_unregistered',
  'publish_applied',
  'unpublished',
  'version_invalid',
  'database_unavailable',
] as const;
export type RuntimeEventType = (typeof runtimeEventTypes)[number];
