import type { CallItem, StepItem } from '@callflow/contract';
import type { DraftDocument } from './DraftDocument.ts';
import type { CanvasTrace } from './FlowCanvas.tsx';
import type { NodeTrace } from './FlowNodeCard.tsx';

type CallPosition = Pick<CallItem, 'live' | 'currentNodeId' | 'currentNodeSince'>;

/**
 * The path a call took, for the canvas: time spent in each node (summed over visits) and the
 * connections it followed. Steps are logged when a node is left; a live call's current node comes
 * from the call itself, and its time runs until `now`.
 */
export function callTrace(
  document: DraftDocument,
  steps: readonly StepItem[],
  call: CallPosition | undefined,
  now: number,
): CanvasTrace {
  const nodes = new Map<string, NodeTrace>();
  const edges = new Set<string>();
  const visit = (nodeId: string, spentMs: number, current: boolean) => {
    const before = nodes.get(nodeId);
    nodes.set(nodeId, {
      visits: (before?.visits ?? 0) + 1,
      totalMs: (before?.totalMs ?? 0) + spentMs,
      current: (before?.current ?? false) || current,
    });
  };
  const ordered = [...steps].sort((a, b) => a.seq - b.seq);
  const currentNodeId = call?.live === true ? call.currentNodeId : null;
  ordered.forEach((step, index) => {
    visit(step.nodeId, step.durationMs ?? 0, false);
    if (step.port === null) return;
    const nextNodeId = ordered[index + 1]?.nodeId ?? currentNodeId;
    const edge = document.edges.find(
      (candidate) =>
        candidate.source === step.nodeId &&
        candidate.port === step.port &&
        (nextNodeId === null || candidate.target === nextNodeId),
    );
    if (edge !== undefined) edges.add(edge.id);
  });
  if (currentNodeId !== null && call?.currentNodeSince != null)
    visit(currentNodeId, Math.max(0, now - Date.parse(call.currentNodeSince)), true);
  return { nodes, edges };
}
