import type { DraftDocument } from './DraftDocument.ts';
import { draftNodePorts } from './draftNodePorts.ts';

const NODE_WIDTH = 200;
const HEADER_HEIGHT = 56;
const PORT_HEIGHT = 22;

/**
 * Positions for every node, left to right in the order calls flow, with ports kept in order. The
 * layout library is loaded on first use so it is not part of the initial download.
 */
export async function autoLayout(
  document: DraftDocument,
  measuredSize: (nodeId: string) => { width?: number; height?: number } | undefined = () => undefined,
): Promise<Map<string, { x: number; y: number }>> {
  const { default: dagre } = await import('@dagrejs/dagre');
  const graph = new dagre.graphlib.Graph({ multigraph: true });
  graph.setGraph({ rankdir: 'LR', nodesep: 32, ranksep: 96, marginx: 0, marginy: 0 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const node of document.nodes) {
    // The size the canvas measured, or an estimate for nodes not drawn yet.
    const measured = measuredSize(node.id);
    graph.setNode(node.id, {
      width: measured?.width ?? NODE_WIDTH,
      height: measured?.height ?? HEADER_HEIGHT + draftNodePorts(node, document).length * PORT_HEIGHT,
    });
  }
  for (const edge of document.edges) {
    if (graph.hasNode(edge.source) && graph.hasNode(edge.target))
      graph.setEdge(edge.source, edge.target, {}, edge.id);
  }
  dagre.layout(graph);
  const positions = new Map<string, { x: number; y: number }>();
  for (const node of document.nodes) {
    const placed = graph.node(node.id);
    // dagre gives centres; React Flow places nodes by their top-left corner.
    positions.set(node.id, {
      x: Math.round(placed.x - placed.width / 2),
      y: Math.round(placed.y - placed.height / 2),
    });
  }
  return positions;
}
