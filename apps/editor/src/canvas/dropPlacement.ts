/** React Flow's viewport: the flow is drawn shifted by (x, y) screen px and scaled by zoom. */
export interface Viewport {
  readonly x: number;
  readonly y: number;
  readonly zoom: number;
}

interface DropInput {
  /** Where the pointer was let go, in px from the canvas's top-left corner. */
  readonly pointer: { readonly x: number; readonly y: number };
  /** The canvas's size in px. */
  readonly pane: { readonly width: number; readonly height: number };
  readonly viewport: Viewport;
  /** The new card's size in flow units. */
  readonly size: { readonly width: number; readonly height: number };
  /** Room kept between a card and the canvas's edge, in px. */
  readonly margin?: number;
}

/** Where a dropped node goes (in flow units), and the view to move to so it is fully seen (null: stay). */
export interface DropPlacement {
  readonly position: { readonly x: number; readonly y: number };
  readonly viewport: Viewport | null;
}

/** How far to shift, along one axis, so [start, end) fits in [margin, length - margin]; start wins. */
function shiftIntoView(start: number, end: number, length: number, margin: number): number {
  if (start < margin) return margin - start;
  if (end > length - margin) return Math.max(length - margin - end, margin - start);
  return 0;
}

/**
 * A node dropped from the palette lands centred on the pointer (people aim with the middle of what
 * they drag, not its corner). If part of it would be outside the canvas (dropped near an edge, where
 * it ends up under the inspector or the palette), the view pans just enough to show all of it: the
 * node stays where the person put it in the flow.
 */
export function dropPlacement({ pointer, pane, viewport, size, margin = 16 }: DropInput): DropPlacement {
  const { zoom } = viewport;
  const centre = { x: (pointer.x - viewport.x) / zoom, y: (pointer.y - viewport.y) / zoom };
  const position = { x: Math.round(centre.x - size.width / 2), y: Math.round(centre.y - size.height / 2) };
  const left = position.x * zoom + viewport.x;
  const top = position.y * zoom + viewport.y;
  const dx = shiftIntoView(left, left + size.width * zoom, pane.width, margin);
  const dy = shiftIntoView(top, top + size.height * zoom, pane.height, margin);
  return {
    position,
    viewport: dx === 0 && dy === 0 ? null : { x: viewport.x + dx, y: viewport.y + dy, zoom },
  };
}
