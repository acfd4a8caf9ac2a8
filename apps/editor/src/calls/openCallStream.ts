import { type CallItem, callSchema, type StepItem, stepSchema } from '@callflow/contract';
import { z } from 'zod';
import { reportPasswordChangeRequired, reportSessionLost } from '../api/callEndpoint.ts';
import { type CallStreamFilter, callsApi } from '../api/callsApi.ts';
import { sessionApi } from '../api/sessionApi.ts';

/** `connecting` also covers EventSource's own reconnecting after a dropped connection. */
export type CallStreamState = 'connecting' | 'open' | 'closed';

export interface CallStreamHandlers {
  readonly onCall?: (call: CallItem) => void;
  readonly onStep?: (step: StepItem) => void;
  /**
   * The stream is (again) connected. The API starts a new stream at "now" and resends only the live
   * calls, so whatever changed while it was not connected has to be read with a normal request.
   */
  readonly onOpen?: () => void;
  readonly onState?: (state: CallStreamState) => void;
  /** A message that did not match the API's schema (the editor and the API differ in version). */
  readonly onInvalid?: (event: 'call' | 'step', problem: string) => void;
}

/**
 * EventSource gives up for good when an answer is not a stream (e.g. the API restarting behind the
 * dev proxy answers 502); its own retry only covers dropped connections. Then a new one is made.
 */
const RECREATE_AFTER_MS = 5000;

function parseMessage<Schema extends z.ZodType>(schema: Schema, data: unknown): z.output<Schema> | string {
  if (typeof data !== 'string') return 'the message has no text';
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return 'the message is not JSON';
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  return z.prettifyError(parsed.error);
}

/** Follows GET /calls/stream until the returned function is called; each message is parsed with zod. */
export function openCallStream(filter: CallStreamFilter, handlers: CallStreamHandlers): () => void {
  let source: EventSource | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const onCall = (event: MessageEvent) => {
    const call = parseMessage(callSchema, event.data);
    if (typeof call === 'string') handlers.onInvalid?.('call', call);
    else handlers.onCall?.(call);
  };
  const onStep = (event: MessageEvent) => {
    const step = parseMessage(stepSchema, event.data);
    if (typeof step === 'string') handlers.onInvalid?.('step', step);
    else handlers.onStep?.(step);
  };

  /**
   * Asks the API what is left of the login session, so the app shows the login or change-password
   * page, and follows the calls again only if the session still allows it (e.g. a role change that
   * kept viewing). While the API cannot be reached, it asks again a few seconds later.
   */
  const resumeIfAllowed = () => {
    sessionApi
      .current()
      .then((user) => {
        if (stopped) return;
        if (user === null) reportSessionLost();
        else if (user.mustChangePassword) reportPasswordChangeRequired();
        else connect();
      })
      .catch(() => {
        if (!stopped) retryTimer = setTimeout(resumeIfAllowed, RECREATE_AFTER_MS);
      });
  };

  function connect() {
    const current = new EventSource(callsApi.streamUrl(filter));
    source = current;
    handlers.onState?.('connecting');
    current.addEventListener('call', onCall);
    current.addEventListener('step', onStep);
    // The API ends the stream when its login session ends (logout elsewhere, expiry, password
    // changed or reset, user deleted). Reconnecting would only be refused: see what is left of it.
    current.addEventListener('session_ended', () => {
      current.close();
      handlers.onState?.('closed');
      resumeIfAllowed();
    });
    current.addEventListener('open', () => {
      handlers.onState?.('open');
      handlers.onOpen?.();
    });
    current.addEventListener('error', () => {
      if (stopped) return;
      if (current.readyState === EventSource.CLOSED) {
        current.close();
        handlers.onState?.('closed');
        // The refusal may be the session having ended while the stream was down (EventSource does
        // not say why): the session is asked before a new stream is made.
        retryTimer = setTimeout(resumeIfAllowed, RECREATE_AFTER_MS);
      } else {
        handlers.onState?.('connecting');
      }
    });
  }

  connect();
  return () => {
    stopped = true;
    clearTimeout(retryTimer);
    source?.close();
  };
}
