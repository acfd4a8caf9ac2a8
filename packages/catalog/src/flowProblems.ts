import type { FlowProblem } from '@callflow/flow';

/** Joins dotted path segments, skipping empty ones: `joinPath('body.document', '')` is `body.document`. */
export function joinPath(...segments: readonly string[]): string {
  return segments.filter((segment) => segment !== '').join('.');
}

/**
 * The errors among validation problems, with paths starting at `prefix` (e.g.
 * `body.document` for a request field, `document` for a file, '' for a stored draft). Warnings never
 * refuse anything, so they are left out.
 */
export function errorProblems(problems: readonly FlowProblem[], prefix: string): FlowProblem[] {
  return problems
    .filter((problem) => problem.severity === 'error')
    .map((problem) => ({ ...problem, path: joinPath(prefix, problem.path) }));
}
