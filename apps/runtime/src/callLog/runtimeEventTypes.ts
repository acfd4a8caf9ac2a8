/**
 * Every `type` the runtime writes to the runtime event log. The API's contract repeats this list for
 * the browser (which cannot import the runtime); an API test keeps the two equal.
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
