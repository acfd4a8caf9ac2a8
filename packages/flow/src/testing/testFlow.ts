import type { FlowEdge } from '../document/FlowDocument.ts';

/** A node as tests write it: options default to none; label and position may be given too. */
export interface TestNode {
  id: string;
  kind: string;
  options?: Record<string, unknown>;
  label?: string;
  position?: { x: number; y: number };
}

/** A flow document as tests write it, not yet validated (validate it as the code under test does). */
export interface TestFlowDocument {
  schemaVersion: 1;
  nodes: (TestNode & { options: Record<string, unknown> })[];
  edges: FlowEdge[];
}

const portWire = /^([\w-]+)\.(\S+)\s*->\s*([\w-]+)$/;
const nextChain = /^[\w-]+(\s*->\s*[\w-]+)+$/;

/**
 * A test flow from its nodes and its wires, numbered e1, e2, … in the order written. A wire is
 * `source.port -> target`, or a chain of `next` wires: `start -> answer -> menu`.
 */
export function testFlow(nodes: TestNode[], wires: string[]): TestFlowDocument {
  const edges: FlowEdge[] = [];
  const wire = (source: string, port: string, target: string) =>
    edges.push({ id: `e${edges.length + 1}`, source, port, target });
  for (const text of wires) {
    const withPort = portWire.exec(text);
    if (withPort !== null) wire(withPort[1] ?? '', withPort[2] ?? '', withPort[3] ?? '');
    else if (nextChain.test(text)) {
      const ids = text.split('->').map((id) => id.trim());
      for (let index = 1; index < ids.length; index++) wire(ids[index - 1] ?? '', 'next', ids[index] ?? '');
    } else throw new Error(`bad wire "${text}": use "source.port -> target" or "a -> b -> c" (next)`);
  }
  return { schemaVersion: 1, nodes: nodes.map((node) => ({ options: {}, ...node })), edges };
}
