import { type FlowEdge, flowNode, portsOf } from '@callflow/flow';
import type { DraftDocument, DraftNode } from './DraftDocument.ts';

// Both caches lean on the editor never changing a node or the edge list in place (a change makes a
// new object), so the canvas parses only the nodes that changed and goes through the edges once per
// document instead of once per node: O(nodes + edges), not O(nodes × edges), on a 500-node flow.
const optionPortsOf = new WeakMap<DraftNode, readonly string[]>();
const outgoingPortsOf = new WeakMap<readonly FlowEdge[], ReadonlyMap<string, readonly string[]>>();

function optionPorts(node: DraftNode): readonly string[] {
  let ports = optionPortsOf.get(node);
  if (ports === undefined) {
    const parsed = flowNode.safeParse(node);
    ports = parsed.success ? portsOf(parsed.data) : [];
    optionPortsOf.set(node, ports);
  }
  return ports;
}

function outgoingPorts(edges: readonly FlowEdge[], nodeId: string): readonly string[] {
  let bySource = outgoingPortsOf.get(edges);
  if (bySource === undefined) {
    const grouped = new Map<string, string[]>();
    for (const edge of edges) {
      const ports = grouped.get(edge.source);
      if (ports === undefined) grouped.set(edge.source, [edge.port]);
      else ports.push(edge.port);
    }
    bySource = grouped;
    outgoingPortsOf.set(edges, bySource);
  }
  return bySource.get(nodeId) ?? [];
}

/**
 * A node's outcome ports, in display order. While its options are half filled in, the ports it had
 * connections on are kept so no connection disappears from the canvas mid-edit.
 */
export function draftNodePorts(node: DraftNode, document: DraftDocument): readonly string[] {
  const ports = optionPorts(node);
  const connected = outgoingPorts(document.edges, node.id).filter((port) => !ports.includes(port));
  return connected.length === 0 ? ports : [...ports, ...connected];
}
