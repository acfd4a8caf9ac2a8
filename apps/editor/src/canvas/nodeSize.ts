import { type NodeKind, nodeKinds } from '@callflow/flow';
import { draftNodePorts } from './draftNodePorts.ts';

/** A card's width in px (canvas.css `.flow-node`). */
export const NODE_WIDTH = 200;
/** Header (kind) and name lines above the outcome list, in px. */
const HEADER_HEIGHT = 58;
/** One outcome row, in px (canvas.css `.flow-node__port`). */
export const PORT_HEIGHT = 22;
/** Where the incoming handle's centre sits, from the card's top (canvas.css `.flow-node__in`). */
export const IN_HANDLE_Y = 21;

/**
 * The size a card will have before the canvas has measured it (a node just dropped, or one not drawn
 * yet): its width, and its height from the number of outcome rows.
 */
export function nodeSize(portCount: number): { width: number; height: number } {
  return { width: NODE_WIDTH, height: HEADER_HEIGHT + (portCount > 0 ? portCount * PORT_HEIGHT + 5 : 0) };
}

/** Where an outcome row's handle centre sits, from the card's top, before the canvas measured it. */
export function estimatedPortY(index: number): number {
  return HEADER_HEIGHT + 1 + index * PORT_HEIGHT + PORT_HEIGHT / 2;
}

/** The size a node of this kind has when it is added, with its starter options. */
export function newNodeSize(kind: NodeKind): { width: number; height: number } {
  const node = {
    id: 'new',
    kind,
    label: '',
    position: { x: 0, y: 0 },
    options: nodeKinds[kind].starterOptions,
  };
  return nodeSize(draftNodePorts(node, { schemaVersion: 1, nodes: [], edges: [] }).length);
}
