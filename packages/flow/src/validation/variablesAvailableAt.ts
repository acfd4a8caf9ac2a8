import type { FlowNode } from '../document/FlowDocument.ts';
import { nodeKinds } from '../nodes/nodeKinds.ts';
import { callVariables } from '../nodes/start/start.ts';
import type { FlowGraph } from './FlowGraph.ts';
import { stronglyConnectedComponents } from './stronglyConnectedComponents.ts';

export function variablesSetBy(node: FlowNode): readonly string[] {
  const definition = nodeKinds[node.kind] as { variablesSet(options: unknown): readonly string[] };
  return definition.variablesSet(node.options);
}

/** Which variables may exist at each node; see variableAvailability. */
export interface VariableAvailability {
  has(nodeId: string, key: string): boolean;
  at(nodeId: string): string[];
}

/**
 * For every node, the variables that may exist when a call reaches it: the call's own, plus those set
 * by any node on a path leading there. (May, not must: a branch can skip a node; templates render
 * unset names as empty.) One pass over the graph's loops in order, with a bit per variable, so a
 * flow of thousands of nodes is checked in milliseconds.
 */
export function variableAvailability(graph: FlowGraph): VariableAvailability {
  const keys = [...new Set([...callVariables, ...[...graph.nodesById.values()].flatMap(variablesSetBy)])];
  const bitOf = new Map(keys.map((key, index) => [key, index]));
  const words = Math.ceil(keys.length / 32);
  const bitsOf = (node: FlowNode | undefined): Uint32Array => {
    const bits = new Uint32Array(words);
    for (const key of node === undefined ? [] : variablesSetBy(node)) {
      const bit = bitOf.get(key) ?? 0;
      bits[bit >>> 5] = (bits[bit >>> 5] ?? 0) | (1 << (bit & 31));
    }
    return bits;
  };
  const orInto = (target: Uint32Array, source: Uint32Array) => {
    for (let i = 0; i < words; i++) target[i] = (target[i] ?? 0) | (source[i] ?? 0);
  };
  const base = new Uint32Array(words);
  for (const key of callVariables) {
    const bit = bitOf.get(key) ?? 0;
    base[bit >>> 5] = (base[bit >>> 5] ?? 0) | (1 << (bit & 31));
  }

  const available = new Map<string, Uint32Array>();
  // Tarjan lists components sinks first: walk them backwards so every predecessor is done first.
  const components = stronglyConnectedComponents([...graph.nodesById.keys()], (id) =>
    graph.successors(id),
  ).reverse();
  for (const component of components) {
    const members = new Set(component);
    const reaching = base.slice();
    for (const id of component) {
      for (const predecessor of graph.predecessors(id)) {
        if (members.has(predecessor)) continue;
        orInto(reaching, available.get(predecessor) ?? base);
        orInto(reaching, bitsOf(graph.nodesById.get(predecessor)));
      }
    }
    // Inside a loop every member can run before every other one.
    const first = component[0];
    const isLoop = component.length > 1 || (first !== undefined && graph.successors(first).includes(first));
    if (isLoop) for (const id of component) orInto(reaching, bitsOf(graph.nodesById.get(id)));
    for (const id of component) available.set(id, reaching);
  }

  const has = (nodeId: string, key: string) => {
    const bit = bitOf.get(key);
    const bits = available.get(nodeId) ?? base;
    return bit !== undefined && ((bits[bit >>> 5] ?? 0) & (1 << (bit & 31))) !== 0;
  };
  return { has, at: (nodeId) => keys.filter((key) => has(nodeId, key)) };
}

/** The variables that may exist when a call reaches `nodeId` (see variableAvailability). */
export function variablesAvailableAt(graph: FlowGraph, nodeId: string): string[] {
  return variableAvailability(graph).at(nodeId);
}
