export interface FlowProblem {
  readonly severity: 'error' | 'warning';
  /** Stable machine-readable code, e.g. `unknown-port`. */
  readonly code: string;
  /** Written for the person drawing the flow. */
  readonly message: string;
  readonly nodeId: string | null;
  readonly edgeId: string | null;
  /** Where in the document, e.g. `nodes.3.options.timeoutSeconds`. */
  readonly path: string;
}
