import type { FlowEdge } from '@callflow/flow';
import { describe, expect, it } from 'vitest';
import { carryConnections } from './carryConnections.ts';
import type { DraftNode } from './DraftDocument.ts';

function menu(digits: string[]): DraftNode {
  return {
    id: 'menu',
    kind: 'menu',
    label: 'Main menu',
    position: { x: 0, y: 0 },
    options: {
      prompts: [{ type: 'sound', name: 'hello-world' }],
      choices: digits.map((digit) => ({ digit, label: '' })),
    },
  };
}

const edges: FlowEdge[] = [
  { id: 'e1', source: 'menu', port: '1', target: 'sales' },
  { id: 'e2', source: 'menu', port: '2', target: 'support' },
  { id: 'e3', source: 'other', port: '1', target: 'sales' },
];

describe('carryConnections', () => {
  it('moves the connection of a choice whose digit changed to the new digit', () => {
    expect(carryConnections(menu(['1', '2']), menu(['3', '2']), edges)).toEqual([
      { id: 'e1', source: 'menu', port: '3', target: 'sales' },
      edges[1],
      edges[2],
    ]);
  });

  it('leaves connections of reordered choices, and returns the same list when nothing moves', () => {
    expect(carryConnections(menu(['1', '2']), menu(['2', '1']), edges)).toBe(edges);
    expect(carryConnections(menu(['1', '2']), menu(['1', '2']), edges)).toBe(edges);
  });

  it('does not guess when choices were added or removed, or the options do not parse', () => {
    expect(carryConnections(menu(['1', '2']), menu(['1', '2', '3']), edges)).toBe(edges);
    expect(carryConnections(menu(['1', '2']), menu(['', '2']), edges)).toBe(edges);
  });
});
