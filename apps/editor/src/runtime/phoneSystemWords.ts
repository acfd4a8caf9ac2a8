import type { ServerStatus } from '@callflow/contract';
import { formatInstant } from '../calls/formatInstant.ts';
import { appRegistered } from './appRegistered.ts';
import { extensionCount } from './extensionCount.ts';
import { heardAgo } from './heardAgo.ts';

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
