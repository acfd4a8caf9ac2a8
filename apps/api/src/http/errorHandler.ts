import { requestProblem } from '@callflow/contract';
import type { NextFunction, Request, Response } from 'express';
import { ApiError } from './ApiError.ts';
import type { ApiServices } from './ApiServices.ts';
import { maxBodyDepth } from './readJsonBody.ts';

function hasStatus(
  error: unknown,
): error is { status: number; type?: unknown; limit?: unknown; message?: unknown } {
  return typeof error === 'object' && error !== null && 'status' in error && typeof error.status === 'number';
}

/** 65536 → `64 KB`, 5242880 → `5 MB`. */
function shownSize(bytes: number): string {
  const megabyte = 1024 * 1024;
  return bytes % megabyte === 0 ? `${bytes / megabyte} MB` : `${Math.floor(bytes / 1024)} KB`;
}

/** Every error becomes JSON `{ error, message, ... }`; unexpected ones are logged, never shown. */
export function errorHandler(log: ApiServices['log']) {
  return (error: unknown, request: Request, response: Response, _next: NextFunction) => {
    if (error instanceof ApiError) {
      response.status(error.status).json({ error: error.code, message: error.message, ...error.details });
      return;
    }
    // Errors of Express's body parser (and readJsonBody's depth check) carry a status and a type.
    if (hasStatus(error) && error.status === 400 && error.type === 'entity.parse.failed') {
      response.status(400).json({ error: 'invalid_json', message: 'the request body is not valid JSON' });
      return;
    }
    if (hasStatus(error) && error.status === 400 && error.type === 'entity.too.deep') {
      response.status(400).json({
        error: 'invalid_request',
        message: `the request body nests arrays or objects more than ${maxBodyDepth} levels deep (a flow file needs about 8); it was not read`,
        problems: [requestProblem('body', `nested more than ${maxBodyDepth} levels deep`)],
      });
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
      const limit = typeof error.limit === 'number' ? shownSize(error.limit) : undefined;
      response.status(413).json({
        error: 'too_large',
        message:
          limit === undefined
            ? 'the request body is too large'
            : `the request body is larger than ${limit}, the most this request takes`,
      });
      return;
    }
    // An unsupported charset or content encoding of the body.
    if (hasStatus(error) && error.status === 415) {
      response.status(415).json({
        error: 'unsupported_media_type',
        message: `the request body cannot be read: ${typeof error.message === 'string' ? error.message : 'unsupported encoding'}`,
      });
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
