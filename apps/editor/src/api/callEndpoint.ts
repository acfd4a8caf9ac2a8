import {
  type AnyEndpoint,
  apiPrefix,
  type EndpointInput,
  endpointPath,
  errorBody,
  flowProblem,
  queryString,
  type SuccessOf,
  sessionEndpoints,
} from '@callflow/contract';
import { z } from 'zod';
import { ApiError } from './ApiError.ts';

/** Any error answer: its code and message, and the problems of an invalid request when it lists them. */
const errorAnswer = errorBody.extend({ problems: z.array(flowProblem).optional() });

/** Called when any request finds the session gone, so the app can go back to the login page. */
let onSessionLost: (() => void) | null = null;
export function whenSessionLost(handler: (() => void) | null): void {
  onSessionLost = handler;
}

/**
 * Called when the API refuses a request because the user must choose a new password first (the API
 * answers 403 `password_change_required` to every other route until then), so the app can show the
 * change-password page instead of a page full of errors.
 */
let onPasswordChangeRequired: (() => void) | null = null;
export function whenPasswordChangeRequired(handler: (() => void) | null): void {
  onPasswordChangeRequired = handler;
}

/** For answers that are not requests of this module (a live stream ended by the API). */
export function reportSessionLost(): void {
  onSessionLost?.();
}
export function reportPasswordChangeRequired(): void {
  onPasswordChangeRequired?.();
}

/**
 * Calls an endpoint of the API's table: its path filled from `params` (each URI-encoded), `query` as
 * the query string, `body` as JSON. The success answer is parsed with the endpoint's own schema, so
 * nothing unchecked reaches the pages (null for an answer without a body); a failure becomes an
 * ApiError with the API's code, message and problems. A 401 outside the session endpoints means the
 * session is gone; a 403 `password_change_required` that the password must be changed first.
 */
export async function callEndpoint<E extends AnyEndpoint>(
  endpoint: E,
  input: EndpointInput<E>,
  options: { readonly signal?: AbortSignal | undefined } = {},
): Promise<SuccessOf<E>> {
  const path = endpointPath(endpoint, input.params);
  const init: RequestInit = {
    method: endpoint.method.toUpperCase(),
    credentials: 'same-origin',
    headers: { accept: 'application/json' },
  };
  if (options.signal !== undefined) init.signal = options.signal;
  if (input.body !== undefined) {
    init.headers = { accept: 'application/json', 'content-type': 'application/json' };
    init.body = JSON.stringify(input.body);
  }
  let response: Response;
  try {
    response = await fetch(`${apiPrefix}${path}${queryString(input.query)}`, init);
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'unreachable', 'The Callflow server cannot be reached. Check that it is running.');
  }
  const text = await response.text();
  let json: unknown = null;
  if (text !== '') {
    try {
      json = JSON.parse(text);
    } catch {
      throw new ApiError(
        response.status,
        'bad_response',
        `The server answered ${path} with something other than JSON.`,
      );
    }
  }
  if (!response.ok) {
    const parsed = errorAnswer.safeParse(json);
    // The session endpoints answer 401 as an answer (wrong password, nobody logged in).
    if (response.status === 401 && endpoint.path !== sessionEndpoints.currentSession.path) onSessionLost?.();
    if (response.status === 403 && parsed.success && parsed.data.error === 'password_change_required')
      onPasswordChangeRequired?.();
    if (!parsed.success)
      throw new ApiError(
        response.status,
        'http_error',
        `The server answered HTTP ${response.status}.`,
        [],
        json,
      );
    throw new ApiError(
      response.status,
      parsed.data.error,
      parsed.data.message,
      parsed.data.problems ?? [],
      json,
    );
  }
  const schema = endpoint.responses[response.status] ?? endpoint.responses[endpoint.success] ?? null;
  const parsed = (schema ?? z.null()).safeParse(json);
  if (!parsed.success) {
    const where = parsed.error.issues[0]?.path.join('.') ?? '';
    throw new ApiError(
      response.status,
      'bad_response',
      `The server's answer to ${path} was not understood${where === '' ? '' : ` (at ${where})`}. Is the editor the same version as the server?`,
    );
  }
  // The success answer's schema parsed it (or it has no body: null).
  return parsed.data as SuccessOf<E>;
}
