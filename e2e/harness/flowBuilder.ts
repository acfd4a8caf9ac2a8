type NodeInput = { id: string; kind: string; options?: Record<string, unknown>; label?: string };

/**
 * A compact way to write test flows: nodes plus `source.port -> target` wires.
 * `flow([start, answer, ...], ['start.next -> answer', 'answer.next -> menu'])`
 */
export function flow(nodes: NodeInput[], wires: string[]): Record<string, unknown> {
  return {
    schemaVersion: 1,
    nodes: nodes.map((node, index) => ({
      id: node.id,
      kind: node.kind,
      label: node.label ?? '',
      position: { x: 0, y: index * 120 },
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
