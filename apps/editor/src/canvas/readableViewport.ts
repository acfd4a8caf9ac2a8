import type { Viewport } from './dropPlacement.ts';

/** A box in flow units. */
export interface FlowRect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Below this zoom a card’s 11–13 px text is smaller than 7 px: unreadable. Fit view stops here. */
export const READABLE_ZOOM = 0.6;
const MAX_FIT_ZOOM = 1;
/** Room around the flow, in px; at the bottom, the minimap's band (it sits in the bottom-right corner). */
const PADDING = { left: 32, right: 32, top: 32, bottom: 120 };

/** The offset along one axis: the whole range centred when it fits, else the focus shown, clamped. */
function axisOffset(
  start: number,
  length: number,
  focusStart: number,
  focusLength: number,
  pane: { readonly size: number; readonly before: number; readonly after: number },
  zoom: number,
): number {
  const room = pane.size - pane.before - pane.after;
  if (length * zoom <= room + 0.5) return pane.before + (room - length * zoom) / 2 - start * zoom;
  const centred = pane.before + room / 2 - (focusStart + focusLength / 2) * zoom;
  // Never past the flow's own edges: no empty band before its first or after its last node.
  const most = pane.before - start * zoom;
  const least = pane.size - pane.after - (start + length) * zoom;
  return Math.min(most, Math.max(least, centred));
}

/**
 * The view that shows as much of the flow as fits without making it unreadable: everything, centred,
 * when it fits at a readable zoom (at most 100 %); otherwise READABLE_ZOOM with the focus (Start:
 * where calls enter) in view and the rest a scroll away.
 */
export function readableViewport(
  bounds: FlowRect,
  pane: { readonly width: number; readonly height: number },
  focus: FlowRect | null,
): Viewport {
  const across = { size: pane.width, before: PADDING.left, after: PADDING.right };
  const down = { size: pane.height, before: PADDING.top, after: PADDING.bottom };
  const fitZoom = Math.min(
    (across.size - across.before - across.after) / Math.max(bounds.width, 1),
    (down.size - down.before - down.after) / Math.max(bounds.height, 1),
  );
  const zoom = Math.min(MAX_FIT_ZOOM, Math.max(READABLE_ZOOM, fitZoom));
  const target = focus ?? bounds;
  return {
    x: axisOffset(bounds.x, bounds.width, target.x, target.width, across, zoom),
    y: axisOffset(bounds.y, bounds.height, target.y, target.height, down, zoom),
    zoom,
  };
}
