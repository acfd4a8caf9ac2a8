type Position = { x: number; y: number };
type NodeInput = {
  id: string;
  kind: string;
  options?: Record<string, unknown>;
  label?: string;
  /** Where the node is on the canvas; default: one under the other. */
  position?: Position;
};

/** A flow document as tests write it (validated by whatever takes it: the catalog, the API). */
export interface TestFlow {
  schemaVersion: 1;
  nodes: { id: string; kind: string; label: string; position: Position; options: Record<string, unknown> }[];
  edges: { id: string; source: string; port: string; target: string }[];
}

/**
 * The one way the e2e tests and the benchmarks write flows: nodes plus `source.port -> target` wires.
 * `flow([start, answer, ...], ['start.next -> answer', 'answer.next -> menu'])`
 */
export function flow(nodes: NodeInput[], wires: string[]): TestFlow {
  return {
    schemaVersion: 1,
    nodes: nodes.map((node, index) => ({
      id: node.id,
      kind: node.kind,
      label: node.label ?? '',
      position: node.position ?? { x: 0, y: index * 120 },
      options: node.options ?? {},
    })),
    edges: wires.map((wire, index) => {
      const match = /^([\w-]+)\.(\S+)\s*->\s*([\w-]+)$/.exec(wire);
      if (match === null) throw new Error(`bad wire "${wire}": use "source.port -> target"`);
      const [, source = '', port = '', target = ''] = match;
      return { id: `e${index}`, source, port, target };
    }),
  };
}

export const sound = (name: string) => ({ type: 'sound', name });
