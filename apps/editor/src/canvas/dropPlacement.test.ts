import { describe, expect, it } from 'vitest';
import { dropPlacement } from './dropPlacement.ts';

const pane = { width: 800, height: 600 };
const size = { width: 200, height: 100 };

describe('dropPlacement', () => {
  it('centres the node on the pointer, in flow units at any zoom and pan', () => {
    const placed = dropPlacement({
      pointer: { x: 400, y: 300 },
      pane,
      viewport: { x: 100, y: 50, zoom: 0.5 },
      size,
    });
    // The pointer is at flow (600, 500); the node's middle goes there.
    expect(placed.position).toEqual({ x: 500, y: 450 });
    expect(placed.viewport).toBeNull();
  });

  it('pans left just enough when a drop near the right edge would leave part of the node outside', () => {
    const placed = dropPlacement({
      pointer: { x: 780, y: 300 },
      pane,
      viewport: { x: 0, y: 0, zoom: 1 },
      size,
    });
    expect(placed.position).toEqual({ x: 680, y: 250 });
    // Its right side (880) must come to 800 - 16: the view moves 96 px left; the node stays put.
    expect(placed.viewport).toEqual({ x: -96, y: 0, zoom: 1 });
  });

  it('pans down and right when dropped in the top-left corner', () => {
    const placed = dropPlacement({ pointer: { x: 10, y: 5 }, pane, viewport: { x: 0, y: 0, zoom: 2 }, size });
    expect(placed.position).toEqual({ x: -95, y: -47 });
    expect(placed.viewport).toEqual({ x: 206, y: 110, zoom: 2 });
  });

  it('shows the node’s top-left part when the node is bigger than the canvas', () => {
    const placed = dropPlacement({
      pointer: { x: 50, y: 50 },
      pane: { width: 100, height: 100 },
      viewport: { x: 0, y: 0, zoom: 1 },
      size,
    });
    expect(placed.viewport).toEqual({ x: 66, y: 16, zoom: 1 });
  });
});
