import { describe, expect, it } from 'vitest';
import { READABLE_ZOOM, readableViewport } from './readableViewport.ts';

const pane = { width: 800, height: 600 };

describe('readableViewport', () => {
  it('centres a small flow at 100 % at most, above the minimap’s band at the bottom', () => {
    const view = readableViewport({ x: 0, y: 0, width: 400, height: 200 }, pane, null);
    expect(view).toEqual({ x: 200, y: 156, zoom: 1 });
  });

  it('zooms out to show a medium flow whole', () => {
    const view = readableViewport({ x: 0, y: 0, width: 1225, height: 200 }, pane, null);
    expect(view.zoom).toBeCloseTo(0.6);
    expect(view.x).toBeCloseTo(32, 0);
  });

  it('never goes below a readable zoom: a long flow shows its start, the rest a scroll away', () => {
    const bounds = { x: 0, y: -500, width: 9000, height: 1400 };
    const start = { x: 0, y: 100, width: 200, height: 80 };
    const view = readableViewport(bounds, pane, start);
    expect(view.zoom).toBe(READABLE_ZOOM);
    // Start centred vertically; horizontally the flow's left edge at the padding, not empty space.
    expect(view.x).toBe(32);
    expect(view.y).toBe(32 + 224 - 140 * READABLE_ZOOM);
  });
});
