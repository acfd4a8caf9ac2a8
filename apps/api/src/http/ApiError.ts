import type { FlowProblem } from '@callflow/contract';

/** An expected failure with its HTTP status, a stable code and a message meant for people. */
export class ApiError extends Error {
  override name = 'ApiError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: { problems?: readonly FlowProblem[]; [key: string]: unknown } = {},
  ) {
    super(message);
  }

  static notFound(what: string): ApiError {
    return new ApiError(404, 'not_found', `${what} does not exist`);
  }

  static conflict(code: string, message: string, details: Record<string, unknown> = {}): ApiError {
    return new ApiError(409, code, message, details);
  }

  static invalid(problems: readonly FlowProblem[], message = 'the request is not valid'): ApiError {
    return new ApiError(400, 'invalid_request', message, { problems });
  }
}
