import type { FlowDocument, FlowEdge, FlowNode } from '../document/FlowDocument.ts';
import { nodeKinds } from '../nodes/nodeKinds.ts';

/** Indexes over a parsed document shared by validation, the runtime and the editor. */
export class FlowGraph {
  readonly nodesById = new Map<string, FlowNode>();
  /** `${source}\u0000${port}` → edge. */
  readonly #edgeByPort = new Map<string, FlowEdge>();
  readonly #successors = new Map<string, string[]>();
  readonly #predecessors = new Map<string, string[]>();

  constructor(readonly document: FlowDocument) {
    for (const node of document.nodes) if (!this.nodesById.has(node.id)) this.nodesById.set(node.id, node);
    for (const edge of document.edges) {
      const key = `${edge.source}\u0000${edge.port}`;
      if (!this.#edgeByPort.has(key)) this.#edgeByPort.set(key, edge);
      if (this.nodesById.has(edge.source) && this.nodesById.has(edge.target)) {
        appendTo(this.#successors, edge.source, edge.target);
        appendTo(this.#predecessors, edge.target, edge.source);
      }
    }
  }

  get startNode(): FlowNode | undefined {
    return this.document.nodes.find((node) => node.kind === 'start');
  }

  edgeFrom(nodeId: string, port: string): FlowEdge | undefined {
    return this.#edgeByPort.get(`${nodeId}\u0000${port}`);
  }

  nodeAfter(nodeId: string, port: string): FlowNode | undefined {
    const edge = this.edgeFrom(nodeId, port);
    return edge === undefined ? undefined : this.nodesById.get(edge.target);
  }

  portsOf(node: FlowNode): readonly string[] {
    return portsOf(node);
  }

  /** Targets of the node's edges that exist, one entry per edge. */
  successors(nodeId: string): readonly string[] {
    return this.#successors.get(nodeId) ?? [];
  }

  /** Sources of the edges into the node that exist, one entry per edge. */
  predecessors(nodeId: string): readonly string[] {
    return this.#predecessors.get(nodeId) ?? [];
  }

  reachableFrom(startId: string): Set<string> {
    const seen = new Set<string>([startId]);
    const queue = [startId];
    for (let id = queue.pop(); id !== undefined; id = queue.pop()) {
      for (const next of this.successors(id)) {
        if (!seen.has(next)) {
          seen.add(next);
          queue.push(next);
        }
      }
    }
    return seen;
  }
}

function appendTo(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

export function portsOf(node: FlowNode): readonly string[] {
  // The registry lookup loses the kind/options correlation; the node was parsed by its kind's schema.
  const definition = nodeKinds[node.kind] as { ports(options: unknown): readonly string[] };
  return definition.ports(node.options);
}
