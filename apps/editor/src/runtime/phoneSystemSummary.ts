import type { RuntimeStatusResponse, ServerStatus } from '@callflow/contract';
import { extensionCount } from './extensionCount.ts';
import { phoneSystemWords } from './phoneSystemWords.ts';

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
