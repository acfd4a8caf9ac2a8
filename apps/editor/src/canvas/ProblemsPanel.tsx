import type { FlowProblem } from '@callflow/flow';
import { AlertCircle, AlertTriangle, CheckCircle2 } from 'lucide-react';

/** Every problem of the flow; clicking one with a node selects that node and shows it. */
export function ProblemsPanel({
  problems,
  onSelectNode,
}: {
  problems: readonly FlowProblem[];
  onSelectNode: (nodeId: string) => void;
}) {
  const errors = problems.filter((problem) => problem.severity === 'error').length;
  const warnings = problems.length - errors;
  return (
    <section className="problems" aria-label="Problems">
      <header className="problems__head">
        <h2>Problems</h2>
        {problems.length === 0 ? (
          <span className="badge badge--success">
            <CheckCircle2 size={12} /> Ready to publish
          </span>
        ) : (
          <>
            {errors > 0 && (
              <span className="badge badge--danger">
                {errors} {errors === 1 ? 'error' : 'errors'}
              </span>
            )}
            {warnings > 0 && (
              <span className="badge badge--warning">
                {warnings} {warnings === 1 ? 'warning' : 'warnings'}
              </span>
            )}
          </>
        )}
      </header>
      {problems.length > 0 && (
        <ul className="plain-list problems__list" data-testid="problems-list">
          {problems.map((problem) => {
            const nodeId = problem.nodeId;
            return (
              <li
                key={`${problem.code}:${problem.nodeId}:${problem.edgeId}:${problem.path}:${problem.message}`}
              >
                <button
                  type="button"
                  className="problems__item"
                  data-severity={problem.severity}
                  disabled={nodeId === null}
                  onClick={() => nodeId !== null && onSelectNode(nodeId)}
                >
                  {problem.severity === 'error' ? <AlertCircle size={14} /> : <AlertTriangle size={14} />}
                  <span className="problems__message">{problem.message}</span>
                  {nodeId !== null && <span className="problems__node mono">{nodeId}</span>}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
