import { type NodeKind, nodeKindNames } from '@callflow/flow';

/** The drag-and-drop type that carries a node kind from the palette to the canvas. */
export const PALETTE_DRAG_TYPE = 'application/x-callflow-node-kind';

/** The node kind being dropped, if the drag came from the palette. */
export function paletteKindOf(transfer: DataTransfer): NodeKind | null {
  const value = transfer.getData(PALETTE_DRAG_TYPE);
  return nodeKindNames.find((kind) => kind === value) ?? null;
}
