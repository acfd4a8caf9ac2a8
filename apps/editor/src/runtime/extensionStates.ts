import type { PublicationListItem, RuntimeStatusResponse } from '@callflow/contract';
import { appRegistered } from './appRegistered.ts';

/** `answering`: callers reach the flow; `starting`: the runtime has not loaded this version yet. */
export type ExtensionState = 'answering' | 'starting' | 'not_answering';

export interface ExtensionStatus {
  readonly publication: PublicationListItem;
  readonly state: ExtensionState;
  /** Why, in words, when not answering or starting. */
  readonly reason: string;
}

/**
 * Each published extension: does it answer now? It does when every runtime reporting serves its
 * version and its app is registered with that runtime's Asterisk.
 */
export function extensionStates(
  publications: readonly PublicationListItem[],
  status: RuntimeStatusResponse | undefined,
): ExtensionStatus[] {
  const fresh = (status?.servers ?? []).filter((server) => !server.stale);
  return [...publications]
    .sort((a, b) => a.extension.localeCompare(b.extension, undefined, { numeric: true }))
    .map((publication): ExtensionStatus => {
      if (status !== undefined && fresh.length === 0)
        return { publication, state: 'not_answering', reason: 'Callflow’s runtime is not running' };
      if (publication.applied === false)
        return {
          publication,
          state: 'starting',
          reason: `The runtime is loading version ${publication.version}`,
        };
      const unregistered = fresh.filter((server) => !appRegistered(server, publication.extension));
      if (unregistered.length > 0)
        return { publication, state: 'not_answering', reason: 'Not registered with the phone system' };
      return { publication, state: 'answering', reason: '' };
    });
}
