import { z } from 'zod';
import { ApiError } from './ApiError.ts';

const errorBody = z
  .object({
    error: z.string(),
    message: z.string(),
    problems: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .loose();

export interface RequestOptions {
  readonly method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly body?: unknown;
  readonly signal?: AbortSignal;
}

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
 * One JSON request to the API under /api. The response is parsed with the API's own schema, so
 * nothing unchecked reaches the pages; failures become an ApiError with the API's message.
 */
export async function apiRequest<Schema extends z.ZodType>(
  path: string,
  schema: Schema,
  options: RequestOptions = {},
): Promise<z.output<Schema>> {
  const init: RequestInit = {
    method: options.method ?? 'GET',
    credentials: 'same-origin',
    headers: { accept: 'application/json' },
  };
  if (options.signal !== undefined) init.signal = options.signal;
  if (options.body !== undefined) {
    init.headers = { accept: 'application/json', 'content-type': 'application/json' };
    init.body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(`/api${path}`, init);
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
    const parsed = errorBody.safeParse(json);
    if (response.status === 401 && path !== '/session') onSessionLost?.();
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
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const where = parsed.error.issues[0]?.path.join('.') ?? '';
    throw new ApiError(
      response.status,
      'bad_response',
      `The server's answer to ${path} was not understood${where === '' ? '' : ` (at ${where})`}. Is the editor the same version as the server?`,
    );
  }
  return parsed.data;
}
