import { errorProblems, parseFlowDraft } from '@callflow/catalog';
import type { FlowDraft } from '@callflow/contract';
import type { FlowValidation, FlowValidationContext } from '@callflow/flow';
import { ApiError } from '../../http/ApiError.ts';

/**
 * A flow draft from a request (parseFlowDraft: validation errors allowed, the shape of a flow draft
 * required); anything else is a 400 listing every problem, with paths starting at `prefix`. `context`
 * (the prompt library) adds its checks to the validation returned.
 */
export function parseDraft(
  input: unknown,
  prefix: string,
  context: FlowValidationContext = {},
): { draft: FlowDraft; validation: FlowValidation } {
  const parsed = parseFlowDraft(input, context);
  if (parsed.ok) return parsed;
  throw ApiError.invalid(errorProblems(parsed.problems, prefix), 'the document is not a flow draft');
}
