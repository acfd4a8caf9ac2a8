import { z } from 'zod';

/**
 * One problem, wherever one is reported: a flow's validation (CLI, editor, runtime), the API's
 * answers (`/flows/validate`, a draft save, 422 `invalid_flow`, an import refused, a 400 about any
 * request field) and the editor's problem list. One shape, so a program reads them all alike.
 */
export const flowProblem = z.object({
  severity: z.enum(['error', 'warning']),
  /** Stable machine-readable code, e.g. `unknown-port`; a request's own fields: `invalid-field`. */
  code: z.string(),
  /** Written for the person drawing the flow (or filling in the form). */
  message: z.string(),
  /** The node or connection it is about, when it is about one. */
  nodeId: z.string().nullable(),
  edgeId: z.string().nullable(),
  /**
   * Where: in the document (`nodes.3.options.timeoutSeconds`), or in the request
   * (`body.document.nodes.3...`, `query.cursor`) or file (`document.nodes.3...`) that held it.
   */
  path: z.string(),
});
export type FlowProblem = z.output<typeof flowProblem>;
