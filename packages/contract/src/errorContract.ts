import { type FlowProblem, flowProblem } from '@callflow/flow';
import { z } from 'zod';

/** The body of every error answer: a stable code for programs and a message meant for people. */
export const errorSchema = z.object({ error: z.string(), message: z.string() });
export type ErrorResponse = z.output<typeof errorSchema>;

/** An error answer that may carry details next to the code (e.g. `currentRevision`, `extensions`). */
export const errorBody = errorSchema.loose();
export type ErrorBody = z.output<typeof errorBody>;

/**
 * A problem with a request field (`body.name`, `query.cursor`): an error about no node, in the one
 * problem shape (`flowProblem`) every `problems` list uses.
 */
export function requestProblem(path: string, message: string, code = 'invalid-field'): FlowProblem {
  return { severity: 'error', code, message, nodeId: null, edgeId: null, path };
}

/**
 * A 400 invalid_request (or 422 invalid_flow) answer: every problem found, each a `flowProblem`
 * (problems of a flow document carry the check that failed and their node or connection).
 */
export const invalidRequestBody = errorBody.extend({ problems: z.array(flowProblem) });
export type InvalidRequestBody = z.output<typeof invalidRequestBody>;
