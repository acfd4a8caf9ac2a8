import type { FlowDocument, FlowEdge, FlowNode } from '../document/FlowDocument.ts';
import { nodeKinds } from '../nodes/nodeKinds.ts';

/** The port a node leaves by when it failed; on Start, the flow's On error path. */
export const errorPort = 'error';

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

  /**
   * Where a call goes after a node left by `port`: the node that port leads to; for an `error` port
   * that leads nowhere, the start of the flow's On error path (where Start's `error` port leads).
   * Start's own unwired `error` port leads nowhere. Whether a call may still take the On error path
   * (it takes it once, so a failure inside the path cannot loop) is the interpreter's business.
   */
  nodeAfterFailure(nodeId: string, port: string): FlowNode | undefined {
    const after = this.nodeAfter(nodeId, port);
    if (after !== undefined || port !== errorPort) return after;
    const start = this.startNode;
    return start === undefined || start.id === nodeId ? undefined : this.nodeAfter(start.id, errorPort);
  }

  /** Whether Start's `error` port (the flow's On error path) is connected to a node. */
  get hasErrorPath(): boolean {
    const start = this.startNode;
    return start !== undefined && this.nodeAfter(start.id, errorPort) !== undefined;
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
