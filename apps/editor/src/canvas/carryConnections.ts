import { type FlowEdge, flowNode, portsOf } from '@callflow/flow';
import type { DraftNode } from './DraftDocument.ts';

function portsOfDraft(node: DraftNode): readonly string[] | null {
  const parsed = flowNode.safeParse(node);
  return parsed.success ? portsOf(parsed.data) : null;
}

/**
 * The connections after a node's options changed, following outcomes that were renamed: when a menu
 * choice's digit goes from 1 to 3, its connection moves from port "1" to port "3" instead of being
 * left on an outcome that no longer exists (an error the person never asked for). Only a port that
 * is gone and whose place in the list another new port took counts as renamed; outcomes that were
 * only reordered keep their connections as they are. Returns `edges` itself when nothing moves.
 */
export function carryConnections(before: DraftNode, after: DraftNode, edges: FlowEdge[]): FlowEdge[] {
  const oldPorts = portsOfDraft(before);
  const newPorts = portsOfDraft(after);
  if (oldPorts === null || newPorts === null || oldPorts.length !== newPorts.length) return edges;
  const renamed = new Map<string, string>();
  oldPorts.forEach((port, index) => {
    const next = newPorts[index];
    if (next !== undefined && next !== port && !newPorts.includes(port) && !oldPorts.includes(next))
      renamed.set(port, next);
  });
  if (renamed.size === 0) return edges;
  let moved = false;
  const carried = edges.map((edge) => {
    const port = edge.source === after.id ? renamed.get(edge.port) : undefined;
    if (port === undefined) return edge;
    moved = true;
    return { ...edge, port };
  });
  return moved ? carried : edges;
}
