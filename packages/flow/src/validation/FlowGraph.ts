import type { FlowDocument, FlowEdge, FlowNode } from '../document/FlowDocument.ts';
import { nodeKinds } from '../nodes/nodeKinds.ts';

/** Indexes over a parsed document shared by validation, the runtime and the editor. */
export class FlowGraph {
  readonly nodesById = new Map<string, FlowNode>();
  /** `${source}\u0000${port}` → edge. */
  readonly #edgeByPort = new Map<string, FlowEdge>();

  constructor(readonly document: FlowDocument) {
    for (const node of document.nodes) if (!this.nodesById.has(node.id)) this.nodesById.set(node.id, node);
    for (const edge of document.edges) {
      const key = `${edge.source}\u0000${edge.port}`;
      if (!this.#edgeByPort.has(key)) this.#edgeByPort.set(key, edge);
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
  successors(nodeId: string): string[] {
    return this.document.edges
      .filter((edge) => edge.source === nodeId && this.nodesById.has(edge.target))
      .map((edge) => edge.target);
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

export function portsOf(node: FlowNode): readonly string[] {
  // The registry lookup loses the kind/options correlation; the node was parsed by its kind's schema.
  const definition = nodeKinds[node.kind] as { ports(options: unknown): readonly string[] };
  return definition.ports(node.options);
}
