import type { FlowApiProblem } from '@callflow/contract';
import type { FlowProblem } from '@callflow/flow';

/** Joins dotted path segments, skipping empty ones: `joinPath('body.document', '')` is `body.document`. */
export function joinPath(...segments: readonly string[]): string {
  return segments.filter((segment) => segment !== '').join('.');
}

/**
 * The errors among validation problems, as API problems whose paths start at `prefix` (e.g.
 * `body.document` for a request field, `document` for a file, '' for a stored draft). Warnings never
 * refuse anything, so they are left out.
 */
export function errorProblems(problems: readonly FlowProblem[], prefix: string): FlowApiProblem[] {
  return problems
    .filter((problem) => problem.severity === 'error')
    .map((problem) => ({
      path: joinPath(prefix, problem.path),
      message: problem.message,
      code: problem.code,
      ...(problem.nodeId === null ? {} : { nodeId: problem.nodeId }),
      ...(problem.edgeId === null ? {} : { edgeId: problem.edgeId }),
    }));
}
