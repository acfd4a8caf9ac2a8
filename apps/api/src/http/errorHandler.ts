import type { NextFunction, Request, Response } from 'express';
import { ApiError } from './ApiError.ts';
import type { ApiServices } from './defineRoute.ts';

function hasStatus(error: unknown): error is { status: number; type?: unknown } {
  return typeof error === 'object' && error !== null && 'status' in error && typeof error.status === 'number';
}

/** Every error becomes JSON `{ error, message, ... }`; unexpected ones are logged, never shown. */
export function errorHandler(log: ApiServices['log']) {
  return (error: unknown, request: Request, response: Response, _next: NextFunction) => {
    if (error instanceof ApiError) {
      response.status(error.status).json({ error: error.code, message: error.message, ...error.details });
      return;
    }
    // Errors of Express's body parser carry a status and a type.
    if (hasStatus(error) && error.status === 400 && error.type === 'entity.parse.failed') {
      response.status(400).json({ error: 'invalid_json', message: 'the request body is not valid JSON' });
      return;
    }
    // Express reports a path with broken %-encoding as a 400 URIError.
    if (hasStatus(error) && error.status === 400) {
      response
        .status(400)
        .json({ error: 'invalid_path', message: 'the request path is not valid (broken %-encoding?)' });
      return;
    }
    if (hasStatus(error) && error.status === 413) {
      response.status(413).json({ error: 'too_large', message: 'the request body is too large' });
      return;
    }
    log('error', 'request failed', {
      method: request.method,
      path: request.path,
      reason: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
    response
      .status(500)
      .json({ error: 'internal', message: 'something went wrong on the server; it has been logged' });
  };
}
