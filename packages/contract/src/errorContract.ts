import { z } from 'zod';

/** The body of every error answer: a stable code for programs and a message meant for people. */
export const errorSchema = z.object({ error: z.string(), message: z.string() });
export type ErrorResponse = z.output<typeof errorSchema>;

/** An error answer that may carry details next to the code (e.g. `currentRevision`, `extensions`). */
export const errorBody = errorSchema.loose();
export type ErrorBody = z.output<typeof errorBody>;

/** One thing wrong with a request: where (e.g. `body.nodes.3.options.timeoutSeconds`) and what. */
export const problemSchema = z.object({ path: z.string(), message: z.string() });
export type Problem = z.output<typeof problemSchema>;

/** A flow validation error in a 400/422 answer: also the check that failed and the node or connection. */
export const flowApiProblemSchema = problemSchema.extend({
  code: z.string(),
  nodeId: z.string().optional(),
  edgeId: z.string().optional(),
});
export type FlowApiProblem = z.output<typeof flowApiProblemSchema>;

/**
 * A 400 invalid_request (or 422 invalid_flow) answer: every problem found. Problems of a flow
 * document also carry their `code` and, when known, `nodeId` or `edgeId`.
 */
export const invalidRequestBody = errorBody.extend({
  problems: z.array(flowApiProblemSchema.partial({ code: true })),
});
export type InvalidRequestBody = z.output<typeof invalidRequestBody>;
