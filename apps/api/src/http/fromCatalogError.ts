import { CatalogError } from '@callflow/catalog';
import { requestProblem } from '@callflow/contract';
import { ApiError } from './ApiError.ts';

/**
 * A catalog refusal (@callflow/catalog) as the API's answer for it (status, error code, details);
 * other errors pass. mountRoutes applies it to whatever a handler throws.
 */
export function fromCatalogError(error: unknown): unknown {
  if (!(error instanceof CatalogError)) return error;
  const { refusal, message } = error;
  switch (refusal.code) {
    case 'not_found':
    case 'not_published':
      return new ApiError(404, refusal.code, message);
    case 'extension_taken':
      return ApiError.conflict(refusal.code, `${message}; publish with replace to take it over`, {
        extension: refusal.extension,
        heldBy: refusal.heldBy,
      });
    case 'stale_revision':
      return ApiError.conflict(refusal.code, message, { currentRevision: refusal.currentRevision });
    case 'not_older':
      return ApiError.conflict(refusal.code, message, { liveVersion: refusal.liveVersion });
    case 'flow_published':
      return ApiError.conflict(refusal.code, message, { extensions: refusal.extensions });
    case 'ambiguous_flow_name':
      return ApiError.conflict(refusal.code, message, { flowIds: refusal.flowIds });
    case 'invalid_flow':
      return new ApiError(422, refusal.code, message, { problems: refusal.problems });
    case 'invalid_file':
      return ApiError.invalid(refusal.problems, message);
    case 'invalid_extension':
      return ApiError.invalid([requestProblem('params.extension', message)]);
    case 'name_taken':
      return ApiError.conflict(refusal.code, message, {
        name: refusal.name,
        suggestedName: refusal.suggestedName,
      });
    case 'prompt_name_taken':
      return ApiError.conflict(refusal.code, message, { name: refusal.name });
    case 'prompt_in_use':
      return ApiError.conflict(refusal.code, message, { extensions: refusal.extensions });
    case 'speech_failed':
      return new ApiError(502, refusal.code, message, { text: refusal.text, language: refusal.language });
    case 'too_much_speech':
      return new ApiError(422, refusal.code, message, { limit: refusal.limit });
    case 'speech_timeout':
      return new ApiError(504, refusal.code, message, { seconds: refusal.seconds });
    case 'cancelled':
      // Nobody reads it: the client closed the connection (nginx's "client closed request").
      return new ApiError(499, refusal.code, message);
    case 'draft_changed':
      return ApiError.conflict(refusal.code, message);
  }
}
