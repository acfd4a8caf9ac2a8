import type { ElkNode } from 'elkjs/lib/elk-api.js';
import type { DraftDocument } from './DraftDocument.ts';
import { draftNodePorts } from './draftNodePorts.ts';
import { estimatedPortY, IN_HANDLE_Y, nodeSize } from './nodeSize.ts';

/** What the canvas measured of a drawn card: its size and where each outcome handle's centre is. */
export interface MeasuredCard {
  readonly width?: number;
  readonly height?: number;
  /** Outcome port → the handle centre's distance from the card's top, in px. */
  readonly portY?: ReadonlyMap<string, number>;
}

// Gaps wide enough for a connection to curve between two columns without touching a card.
const layoutOptions = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.layered.spacing.nodeNodeBetweenLayers': '110',
  'elk.spacing.nodeNode': '36',
  'elk.spacing.edgeNode': '24',
  'elk.layered.spacing.edgeNodeBetweenLayers': '24',
  'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
  // Each node in the first column its callers allow: a menu's choices side by side, right after it.
  'elk.layered.layering.strategy': 'LONGEST_PATH_SOURCE',
  // Ties keep the order the person built the flow in, so Arrange twice gives the same picture.
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
};

const portKey = (nodeId: string, port: string) => `${nodeId}\u0000out\u0000${port}`;
const inKey = (nodeId: string) => `${nodeId}\u0000in`;

/**
 * Positions for every node, left to right in the order calls flow. Each card's outcomes are fixed
 * ports on its right in the order the card lists them, so a menu's "1" leads to the node above "2"'s
 * and their connections do not cross; layers leave room for connections beside the cards, not under
 * them. ELK (layered, with port constraints) does this; dagre cannot keep port order. Its ~1.5 MB
 * script is loaded on first use, not with the editor.
 */
export async function autoLayout(
  document: DraftDocument,
  measured: (nodeId: string) => MeasuredCard | undefined = () => undefined,
): Promise<Map<string, { x: number; y: number }>> {
  // A CommonJS module: its default export is the module, whose `default` is ELK (in Node and Vite).
  const { default: elk } = await import('elkjs/lib/elk.bundled.js');
  const portsOf = new Map<string, readonly string[]>();
  const children: ElkNode[] = document.nodes.map((node) => {
    const ports = draftNodePorts(node, document);
    portsOf.set(node.id, ports);
    const card = measured(node.id);
    const estimate = nodeSize(ports.length);
    const width = card?.width ?? estimate.width;
    return {
      id: node.id,
      width,
      height: card?.height ?? estimate.height,
      layoutOptions: { 'elk.portConstraints': 'FIXED_POS' },
      ports: [
        {
          id: inKey(node.id),
          x: 0,
          y: IN_HANDLE_Y,
          width: 1,
          height: 1,
          layoutOptions: { 'elk.port.side': 'WEST' },
        },
        ...ports.map((port, index) => ({
          id: portKey(node.id, port),
          x: width - 1,
          y: card?.portY?.get(port) ?? estimatedPortY(index),
          width: 1,
          height: 1,
          layoutOptions: { 'elk.port.side': 'EAST' },
        })),
      ],
    };
  });
  const edges = document.edges
    .filter((edge) => portsOf.get(edge.source)?.includes(edge.port) === true && portsOf.has(edge.target))
    .map((edge) => ({
      id: edge.id,
      sources: [portKey(edge.source, edge.port)],
      targets: [inKey(edge.target)],
    }));
  const placed = await new elk.default().layout({ id: 'flow', layoutOptions, children, edges });
  const positions = new Map<string, { x: number; y: number }>();
  for (const child of placed.children ?? [])
    positions.set(child.id, { x: Math.round(child.x ?? 0), y: Math.round(child.y ?? 0) });
  return positions;
}
