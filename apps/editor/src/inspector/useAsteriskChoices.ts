import { useEffect, useState } from 'react';
import { ApiError } from '../api/ApiError.ts';
import { asError } from '../api/asError.ts';

/** One value a picker offers: what it writes into the field, and how the list shows it. */
export interface AsteriskChoice {
  readonly value: string;
  readonly label: string;
  readonly detail: string;
}

export type AsteriskChoices =
  | { readonly status: 'loading' }
  | {
      readonly status: 'ready';
      readonly choices: readonly AsteriskChoice[];
      /** Something the list cannot show on its own, e.g. a server that did not answer. */
      readonly note: string | null;
    }
  /** The list cannot be had: the picker is a plain text input saying why. */
  | { readonly status: 'unavailable'; readonly reason: string };

/**
 * A list read from the Asterisk servers (through the API) when a picker is shown and enabled; what
 * cannot be had is said in words with what to type instead (`example`).
 */
export function useAsteriskChoices(
  load: (signal: AbortSignal) => Promise<{ choices: AsteriskChoice[]; note: string | null }>,
  what: string,
  example: string,
  enabled: boolean,
): AsteriskChoices {
  const [state, setState] = useState<AsteriskChoices>({ status: 'loading' });
  useEffect(() => {
    if (!enabled) return;
    const controller = new AbortController();
    load(controller.signal).then(
      ({ choices, note }) => {
        if (!controller.signal.aborted) setState({ status: 'ready', choices, note });
      },
      (error: unknown) => {
        if (!controller.signal.aborted)
          setState({
            status: 'unavailable',
            reason: `${unavailableReason(error, what)} Type it, e.g. ${example}.`,
          });
      },
    );
    return () => controller.abort();
  }, [load, what, example, enabled]);
  return state;
}

function unavailableReason(error: unknown, what: string): string {
  if (error instanceof ApiError && error.status === 503)
    return `No Asterisk is configured, so ${what} cannot be listed.`;
  if (error instanceof ApiError && (error.status === 502 || error.status === 504))
    return `Asterisk cannot be reached, so ${what} cannot be listed.`;
  if (error instanceof ApiError && error.status === 403) return `Only editors see the list of ${what}.`;
  return `The list of ${what} could not be loaded (${asError(error).message}).`;
}

/** The note under a list when some servers did not answer or the list was cut. */
export function serversNote(
  unansweredServers: readonly string[],
  truncated: boolean,
  what: string,
): string | null {
  const parts = [
    ...(unansweredServers.length === 0
      ? []
      : [`Asterisk ${unansweredServers.join(', ')} did not answer: ${what} only it has are not listed.`]),
    ...(truncated ? [`Only the first ${what} are listed: type the rest.`] : []),
  ];
  return parts.length === 0 ? null : parts.join(' ');
}
