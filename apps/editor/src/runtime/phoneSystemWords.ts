import type { RuntimeStatusResponse, ServerStatus } from '@callflow/contract';
import { formatInstant } from '../calls/formatInstant.ts';

/** `silent`: the runtime stopped reporting (stopped, or cut off from the database). */
export type PhoneSystemState = 'connected' | 'not_connected' | 'silent';

/** One Asterisk server as a PBX administrator reads it: connected or not, since when, what to do. */
export interface PhoneSystemWords {
  readonly state: PhoneSystemState;
  /** "Connected" / "Not connected". */
  readonly headline: string;
  /** When Callflow last heard from it, and when not connected, what is wrong and what to do. */
  readonly detail: string;
}

/** "just now", "12 s ago", "5 min ago", else the instant ("Yesterday 09:12"). */
export function heardAgo(updatedAt: string, checkedAt: string): string {
  const seconds = Math.max(0, Math.round((Date.parse(checkedAt) - Date.parse(updatedAt)) / 1000));
  if (seconds < 5) return 'just now';
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  return formatInstant(updatedAt, { now: Date.parse(checkedAt) });
}

/** "1 extension", "3 extensions". */
export function extensionCount(count: number): string {
  return `${count} ${count === 1 ? 'extension' : 'extensions'}`;
}

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

/** What one server's status row says, in words. */
export function phoneSystemWords(server: ServerStatus, checkedAt: string): PhoneSystemWords {
  const ago = heardAgo(server.updatedAt, checkedAt);
  if (server.stale) {
    return {
      state: 'silent',
      headline: 'Not connected',
      detail: `Callflow's runtime has not reported since ${formatInstant(server.updatedAt, { now: Date.parse(checkedAt) })}: it is stopped, or cannot reach the database. Published extensions do not answer until it runs again: start it (npm start) or read its log.`,
    };
  }
  const served = Object.keys(server.serving);
  if (server.connected) {
    const answering =
      served.length === 0 ? 'no extension published yet' : `${extensionCount(served.length)} registered`;
    return { state: 'connected', headline: 'Connected', detail: `Last heard from ${ago} · ${answering}.` };
  }
  const missing = served.filter((extension) => !appRegistered(server, extension));
  const askAsterisk =
    'Check that Asterisk is running and that its ARI (http.conf, ari.conf) accepts the address, user and password the runtime is given.';
  if (served.length > 0 && missing.length < served.length) {
    return {
      state: 'not_connected',
      headline: 'Not connected',
      detail: `${missing.length} of ${extensionCount(served.length)} ${missing.length === 1 ? 'is' : 'are'} not registered with Asterisk (${missing.join(', ')}): Callflow keeps trying. Last heard from ${ago}.`,
    };
  }
  return {
    state: 'not_connected',
    headline: 'Not connected',
    detail: `Callflow cannot reach Asterisk, so calls to published extensions are not answered. ${askAsterisk} Last heard from ${ago}.`,
  };
}

/** The whole phone system in one line, for the status bar. */
export interface PhoneSystemSummary {
  readonly state: 'ok' | 'down' | 'unknown';
  readonly text: string;
  /** What to do, or the Asterisk versions when all is well (a tooltip). */
  readonly detail: string;
}

/** Every server together: connected and how many extensions answer, or what is wrong and what to do. */
export function phoneSystemSummary(status: RuntimeStatusResponse): PhoneSystemSummary {
  const fresh = status.servers.filter((server) => !server.stale);
  if (fresh.length === 0) {
    return {
      state: 'down',
      text: 'Phone system not connected: Callflow’s runtime is not running',
      detail: 'Published extensions do not answer calls until it runs. Start it (npm start) or read its log.',
    };
  }
  const down = fresh.filter((server) => !server.connected);
  if (down.length > 0) {
    const words = phoneSystemWords(down[0] as ServerStatus, status.checkedAt);
    const which = fresh.length > 1 ? ` (${down.map((server) => server.asteriskServer).join(', ')})` : '';
    return { state: 'down', text: `Phone system not connected${which}`, detail: words.detail };
  }
  const answering = new Set(fresh.flatMap((server) => Object.keys(server.serving)));
  const versions = fresh
    .map((server) => `${server.asteriskServer}: Asterisk ${server.asteriskVersion ?? 'version unknown'}`)
    .join(', ');
  return {
    state: 'ok',
    text: `Phone system connected · ${extensionCount(answering.size)} answering`,
    detail: versions,
  };
}
