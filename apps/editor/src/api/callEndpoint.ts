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

/** How a request is sent: its abort signal, and for an audio upload the type of the bytes. */
export interface CallOptions {
  readonly signal?: AbortSignal | undefined;
  /** An audio upload's `Content-Type` (`audio/webm`…); anything else is sent as octet-stream. */
  readonly contentType?: string | undefined;
}

/**
 * Sends a request to an endpoint: its path filled from `params` (each URI-encoded), `query` as the
 * query string, `body` as JSON, or as raw bytes for an audio upload. A network failure becomes an
 * ApiError saying the server cannot be reached.
 */
async function send<E extends AnyEndpoint>(
  endpoint: E,
  input: EndpointInput<E>,
  options: CallOptions,
  accept: string,
): Promise<Response> {
  const init: RequestInit = {
    method: endpoint.method.toUpperCase(),
    credentials: 'same-origin',
    headers: { accept },
  };
  if (options.signal !== undefined) init.signal = options.signal;
  if (endpoint.bodyLimit === 'audio' && input.body instanceof Uint8Array) {
    const type = options.contentType?.startsWith('audio/') ? options.contentType : 'application/octet-stream';
    init.headers = { accept, 'content-type': type };
    // A copy in a plain ArrayBuffer: what fetch takes as a body, whatever the array was a view of.
    init.body = new Uint8Array(input.body);
  } else if (input.body !== undefined) {
    init.headers = { accept, 'content-type': 'application/json' };
    init.body = JSON.stringify(input.body);
  }
  try {
    return await fetch(
      `${apiPrefix}${endpointPath(endpoint, input.params)}${queryString(input.query)}`,
      init,
    );
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'unreachable', 'The Callflow server cannot be reached. Check that it is running.');
  }
}

/** The body of an answer as JSON (null when empty); an answer that is not JSON is an ApiError. */
async function jsonOf(response: Response, path: string): Promise<unknown> {
  const text = await response.text();
  if (text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(
      response.status,
      'bad_response',
      `The server answered ${path} with something other than JSON.`,
    );
  }
}

/**
 * The ApiError of a failure answer, with the API's code, message and problems. A 401 outside the
 * session endpoints means the session is gone; a 403 `password_change_required` that the password
 * must be changed first: the app is told either way.
 */
function failureOf(endpoint: AnyEndpoint, status: number, json: unknown): ApiError {
  const parsed = errorAnswer.safeParse(json);
  // The session endpoints answer 401 as an answer (wrong password, nobody logged in).
  if (status === 401 && endpoint.path !== sessionEndpoints.currentSession.path) onSessionLost?.();
  if (status === 403 && parsed.success && parsed.data.error === 'password_change_required')
    onPasswordChangeRequired?.();
  if (!parsed.success)
    return new ApiError(status, 'http_error', `The server answered HTTP ${status}.`, [], json);
  return new ApiError(status, parsed.data.error, parsed.data.message, parsed.data.problems ?? [], json);
}

/**
 * Calls an endpoint of the API's table. The success answer is parsed with the endpoint's own schema,
 * so nothing unchecked reaches the pages (null for an answer without a body); a failure becomes an
 * ApiError with the API's code, message and problems.
 */
export async function callEndpoint<E extends AnyEndpoint>(
  endpoint: E,
  input: EndpointInput<E>,
  options: CallOptions = {},
): Promise<SuccessOf<E>> {
  const path = endpointPath(endpoint, input.params);
  const response = await send(endpoint, input, options, 'application/json');
  const json = await jsonOf(response, path);
  if (!response.ok) throw failureOf(endpoint, response.status, json);
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

/**
 * Calls an endpoint that answers a file (audio made on request, such as a speech preview): the file
 * as a Blob of the type the server said; a failure is an ApiError as with callEndpoint.
 */
export async function callEndpointForFile<E extends AnyEndpoint>(
  endpoint: E,
  input: EndpointInput<E>,
  options: CallOptions = {},
): Promise<Blob> {
  const response = await send(endpoint, input, options, '*/*');
  if (!response.ok)
    throw failureOf(endpoint, response.status, await jsonOf(response, endpointPath(endpoint, input.params)));
  return response.blob();
}
