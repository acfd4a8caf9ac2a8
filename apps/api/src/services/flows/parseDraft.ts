import { errorProblems } from '@callflow/catalog';
import {
  type FlowDocument,
  type FlowValidation,
  type FlowValidationContext,
  validateFlow,
} from '@callflow/flow';
import { ApiError } from '../../http/ApiError.ts';

/**
 * A draft may have validation errors (unconnected nodes while drawing) but must be a flow document:
 * anything the schema refuses is a 400 listing every problem, with paths starting at `prefix`.
 * `context` (the prompt library) adds its checks to the validation returned.
 */
export function parseDraft(
  input: unknown,
  prefix: string,
  context: FlowValidationContext = {},
): { document: FlowDocument; validation: FlowValidation } {
  const validation = validateFlow(input, context);
  if (validation.document === null) {
    throw ApiError.invalid(errorProblems(validation.problems, prefix), 'the document is not a flow document');
  }
  return { document: validation.document, validation };
}
