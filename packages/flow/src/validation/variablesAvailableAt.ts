import type { FlowNode } from '../document/FlowDocument.ts';
import { nodeKinds } from '../nodes/nodeKinds.ts';
import { callVariables } from '../nodes/start/index.ts';
import type { FlowGraph } from './FlowGraph.ts';

export function variablesSetBy(node: FlowNode): readonly string[] {
  const definition = nodeKinds[node.kind] as { variablesSet(options: unknown): readonly string[] };
  return definition.variablesSet(node.options);
}

/**
 * Variables that may exist when a call reaches `nodeId`: the call's own, plus those set by any node on a
 * path leading here. (May, not must: a branch can skip a node; templates render unset names as empty.)
 */
export function variablesAvailableAt(graph: FlowGraph, nodeId: string): Set<string> {
  const predecessors = new Map<string, string[]>();
  for (const edge of graph.document.edges) {
    const list = predecessors.get(edge.target) ?? [];
    list.push(edge.source);
    predecessors.set(edge.target, list);
  }
  const available = new Set<string>(callVariables);
  const seen = new Set<string>();
  const queue = [...(predecessors.get(nodeId) ?? [])];
  for (let id = queue.pop(); id !== undefined; id = queue.pop()) {
    if (seen.has(id)) continue;
    seen.add(id);
    const node = graph.nodesById.get(id);
    if (node !== undefined) for (const key of variablesSetBy(node)) available.add(key);
    queue.push(...(predecessors.get(id) ?? []));
  }
  return available;
}
