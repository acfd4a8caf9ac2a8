import { describeNode, type FlowProblem, nodeDisplayName } from '@callflow/flow';
import { AlertCircle, AlertTriangle, CheckCircle2 } from 'lucide-react';
import { HelpButton } from '../help/HelpButton.tsx';
import { useKindHelp } from '../help/useKindHelp.tsx';
import type { DraftNode } from './DraftDocument.ts';
import './problemsPanel.css';

/**
 * The message without the node's name it starts with (“Menu “Main menu”: …”, “Menu “Main menu” › “Sales” …”),
 * which the row shows apart; a message naming the node otherwise stays whole.
 */
function messageAfterNodeName(message: string, node: DraftNode | undefined): string {
  if (node === undefined) return message;
  const name = describeNode(node);
  for (const separator of [': ', ' › ']) {
    const lead = `${name}${separator}`;
    if (message.startsWith(lead) && message.length > lead.length) {
      const rest = message.slice(lead.length);
      return rest.charAt(0).toUpperCase() + rest.slice(1);
    }
  }
  return message;
}

/**
 * Every problem of the flow: the node it is about by its name, what is wrong in plain words, and the
 * help of that node's kind. Clicking a problem about a node selects that node and shows it.
 */
export function ProblemsPanel({
  problems,
  nodes,
  onSelectNode,
}: {
  problems: readonly FlowProblem[];
  /** The flow's nodes, which problems name by `nodeId`. */
  nodes: readonly DraftNode[];
  onSelectNode: (nodeId: string) => void;
}) {
  const { showHelp, helpPanel } = useKindHelp();
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
            const node = nodeId === null ? undefined : nodes.find((candidate) => candidate.id === nodeId);
            return (
              <li
                key={`${problem.code}:${problem.nodeId}:${problem.edgeId}:${problem.path}:${problem.message}`}
                className="problems__row"
              >
                <button
                  type="button"
                  className="problems__item"
                  data-severity={problem.severity}
                  data-node-id={nodeId ?? undefined}
                  disabled={nodeId === null}
                  title={node === undefined ? undefined : 'Show this node'}
                  onClick={() => nodeId !== null && onSelectNode(nodeId)}
                >
                  {problem.severity === 'error' ? (
                    <AlertCircle size={14} aria-label="Error" />
                  ) : (
                    <AlertTriangle size={14} aria-label="Warning" />
                  )}
                  <span className="problems__text">
                    {node !== undefined && <span className="problems__name">{nodeDisplayName(node)}</span>}
                    <span className="problems__message">{messageAfterNodeName(problem.message, node)}</span>
                  </span>
                </button>
                {node !== undefined && (
                  <HelpButton kind={node.kind} onClick={() => showHelp(node.kind, node)} />
                )}
              </li>
            );
          })}
        </ul>
      )}
      {helpPanel}
    </section>
  );
}
