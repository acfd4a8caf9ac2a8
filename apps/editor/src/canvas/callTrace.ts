import type { StepItem } from '@callflow/api/contract';
import type { DraftDocument } from './DraftDocument.ts';
import type { CanvasTrace } from './FlowCanvas.tsx';
import type { NodeTrace } from './FlowNodeCard.tsx';

/**
 * The path a call took, for the canvas: time spent in each node (summed over visits) and the
 * connections it followed. A live call's last step has no end yet: its time runs until `now`.
 */
export function callTrace(
  document: DraftDocument,
  steps: readonly StepItem[],
  live: boolean,
  now: number,
): CanvasTrace {
  const nodes = new Map<string, NodeTrace>();
  const edges = new Set<string>();
  const ordered = [...steps].sort((a, b) => a.seq - b.seq);
  ordered.forEach((step, index) => {
    const last = index === ordered.length - 1;
    const current = live && last && step.leftAt === null;
    const spent = step.durationMs ?? (current ? Math.max(0, now - Date.parse(step.enteredAt)) : 0);
    const before = nodes.get(step.nodeId);
    nodes.set(step.nodeId, {
      visits: (before?.visits ?? 0) + 1,
      totalMs: (before?.totalMs ?? 0) + spent,
      current: (before?.current ?? false) || current,
    });
    if (step.port === null) return;
    const next = ordered[index + 1];
    const edge = document.edges.find(
      (candidate) =>
        candidate.source === step.nodeId &&
        candidate.port === step.port &&
        (next === undefined || candidate.target === next.nodeId),
    );
    if (edge !== undefined) edges.add(edge.id);
  });
  return { nodes, edges };
}
